package dev.envflow.worker.security;

import java.util.EnumSet;
import java.util.Optional;

/** Turns a bearer token into the user it belongs to: the bootstrap admin, or a user of the token store. */
public class Authenticator {

  private final AdminToken admin;
  private final TokenStore tokens;

  public Authenticator(AdminToken admin, TokenStore tokens) {
    this.admin = admin;
    this.tokens = tokens;
  }

  public Optional<ApiUser> authenticate(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    if (admin.matches(token)) {
      return Optional.of(new ApiUser(ApiUser.ADMIN, EnumSet.of(Role.ADMIN)));
    }
    return tokens.findByToken(token);
  }
}
