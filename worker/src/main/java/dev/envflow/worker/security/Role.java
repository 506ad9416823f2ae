package dev.envflow.worker.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a token may do: {@code viewer} reads; {@code requester} also creates and tears down; {@code approver}
 * also approves and rejects; {@code admin} does everything (tokens, sweep); {@code codec} only uses the codec
 * endpoints.
 */
public enum Role {
  VIEWER,
  REQUESTER,
  APPROVER,
  ADMIN,
  CODEC;

  /** Whether a holder of this role may do what {@code needed} allows. */
  public boolean grants(Role needed) {
    return switch (this) {
      case ADMIN -> true;
      case REQUESTER, APPROVER -> needed == this || needed == VIEWER;
      case VIEWER, CODEC -> needed == this;
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWireName(String name) {
    for (Role role : values()) {
      if (role.wireName().equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
