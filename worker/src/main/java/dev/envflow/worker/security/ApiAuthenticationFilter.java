package dev.envflow.worker.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api/**} request needs {@code Authorization: Bearer <token>}: 401 without one or with a wrong
 * one, 403 when the token's user lacks the role the request needs; JSON {@code {"error": "..."}} either way.
 * The authenticated user is handed to the controllers as a request attribute (see {@link CurrentUser}).
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Authenticator authenticator;

  public ApiAuthenticationFilter(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    boolean protectedPath = path.startsWith("/api/") || path.equals("/api");
    return !protectedPath || "OPTIONS".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<ApiUser> user = authenticator.authenticate(bearer(request));
    if (user.isEmpty()) {
      refuse(response, 401, "authentication required: send Authorization: Bearer <token> (envflow token create,"
          + " or the admin token)");
      return;
    }
    Role needed = ApiAccessPolicy.needed(request.getMethod(), request.getRequestURI());
    if (!user.get().may(needed)) {
      refuse(response, 403, user.get().name() + " may not do this: it needs the role " + needed.wireName());
      return;
    }
    request.setAttribute(CurrentUser.ATTRIBUTE, user.get());
    chain.doFilter(request, response);
  }

  private static String bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }

  private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    JSON.writeValue(response.getOutputStream(), Map.of("error", message));
  }
}
