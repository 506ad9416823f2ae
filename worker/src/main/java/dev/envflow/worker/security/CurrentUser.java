package dev.envflow.worker.security;

import jakarta.servlet.http.HttpServletRequest;

/** The authenticated caller of the current API request, as {@link ApiAuthenticationFilter} found it. */
public final class CurrentUser {

  static final String ATTRIBUTE = "envflow.user";

  private CurrentUser() {}

  public static ApiUser of(HttpServletRequest request) {
    Object user = request.getAttribute(ATTRIBUTE);
    if (user instanceof ApiUser apiUser) {
      return apiUser;
    }
    throw new IllegalStateException("no authenticated user on " + request.getRequestURI());
  }
}
