package dev.envflow.worker.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a request through to the codec endpoints only when its {@code Authorization: Bearer <token>} satisfies
 * the {@link CodecAuthorizer}; otherwise answers 401 with {@code {"error": "..."}}. CORS preflights carry no
 * credentials by design and pass (Spring answers them from the CORS configuration).
 */
public final class CodecAuthInterceptor implements HandlerInterceptor {

  private static final String BEARER = "Bearer ";

  private final CodecAuthorizer authorizer;
  private final ObjectMapper json;

  public CodecAuthInterceptor(CodecAuthorizer authorizer, ObjectMapper json) {
    this.authorizer = authorizer;
    this.json = json;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
    if (CorsUtils.isPreFlightRequest(request)) {
      return true;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? header.substring(BEARER.length()).strip() : "";
    if (!token.isEmpty() && authorizer.mayUseCodec(token)) {
      return true;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"envflow codec\"");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    String error = token.isEmpty()
        ? "the codec needs Authorization: Bearer <token>, a token allowed to decode payloads"
        : "this token may not use the codec";
    json.writeValue(response.getOutputStream(), Map.of("error", error));
    return false;
  }
}
