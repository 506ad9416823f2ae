package dev.envflow.worker.security;

import java.util.Set;

/** Who called the API, as their token says. */
public record ApiUser(String name, Set<Role> roles) {

  /** The bootstrap administrator: the holder of {@code ENVFLOW_ADMIN_TOKEN} or the generated admin token. */
  public static final String ADMIN = "admin";

  public ApiUser {
    roles = Set.copyOf(roles);
  }

  public boolean may(Role needed) {
    return roles.stream().anyMatch(role -> role.grants(needed));
  }
}
