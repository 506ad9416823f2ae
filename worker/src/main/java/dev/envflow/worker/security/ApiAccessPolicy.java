package dev.envflow.worker.security;

import java.util.regex.Pattern;

/** The role each API request needs, by method and path. */
final class ApiAccessPolicy {

  private static final Pattern DECISION = Pattern.compile("/api/environments/[^/]+/(approve|reject)");
  private static final Pattern ENVIRONMENTS = Pattern.compile("/api/environments(/[^/]+)?");

  private ApiAccessPolicy() {}

  static Role needed(String method, String path) {
    if (path.equals("/api/tokens") || path.startsWith("/api/tokens/") || path.startsWith("/api/orphans")) {
      return Role.ADMIN;
    }
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return Role.VIEWER;
    }
    if (DECISION.matcher(path).matches()) {
      return Role.APPROVER;
    }
    if (ENVIRONMENTS.matcher(path).matches() && ("POST".equals(method) || "DELETE".equals(method))) {
      return Role.REQUESTER;
    }
    return Role.ADMIN;
  }
}
