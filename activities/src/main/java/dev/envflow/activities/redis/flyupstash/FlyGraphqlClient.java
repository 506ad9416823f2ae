package dev.envflow.activities.redis.flyupstash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.workflows.model.FailureType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Fly.io's GraphQL API ({@code POST /graphql}, no stability guarantee from Fly): HTTP failures come classified
 * from {@link ProviderHttpClient}; GraphQL errors come back as HTTP 200 with {@code errors}, and are classified
 * here by their {@code extensions.code} or message: not found (an answer for queries), authentication,
 * rate limits and server trouble (retried), names already taken (conflict), anything else refused.
 */
final class FlyGraphqlClient {

  private final ProviderHttpClient http;
  private final String path;

  FlyGraphqlClient(ProviderHttpClient http, String path) {
    this.http = http;
    this.path = path;
  }

  /** A client for the GraphQL endpoint {@code url}, authenticated with {@code token} as fly-go does. */
  static FlyGraphqlClient connect(String url, String token) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException(FlyUpstashProvider.NAME + ": not an http(s) URL: " + url);
    }
    String origin = parsed.newBuilder().encodedPath("/").query(null).build().toString();
    String authorization = authorization(token);
    return new FlyGraphqlClient(new ProviderHttpClient(FlyUpstashProvider.NAME, origin,
        request -> request.header("Authorization", authorization)), parsed.encodedPath());
  }

  /**
   * {@code FlyV1 <token>} for macaroon tokens ({@code fm1r_...}, {@code fm2_...}, possibly several joined by
   * commas), {@code Bearer <token>} otherwise; a token already starting with {@code FlyV1 } is used as is.
   */
  static String authorization(String token) {
    if (token.startsWith("FlyV1 ")) {
      return token;
    }
    for (String part : token.split(",")) {
      String prefix = part.contains("_") ? part.substring(0, part.indexOf('_')) : "";
      if (prefix.equals("fm1r") || prefix.equals("fm2")) {
        return "FlyV1 " + token;
      }
    }
    return "Bearer " + token;
  }

  /**
   * Runs a query or mutation; its {@code data}, or empty when Fly answers that the thing is not found. A query
   * changes nothing, so one lost to a transient HTTP failure is asked again at once, as a GET would be; a mutation
   * is sent once (a retried create finds what a lost answer made).
   */
  Optional<JsonNode> run(ProviderCall call, String query, Map<String, Object> variables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    body.put("variables", variables);
    JsonNode answer = isMutation(query) ? http.post(call, path, body) : http.postLook(call, path, body);
    JsonNode errors = answer.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      return classify(call, errors);
    }
    JsonNode data = answer.path("data");
    if (data.isMissingNode() || data.isNull()) {
      throw ProviderFailures.retryable(call.describe() + ": GraphQL answer without data", null);
    }
    return Optional.of(data);
  }

  private static boolean isMutation(String document) {
    return document.stripLeading().startsWith("mutation");
  }

  private static Optional<JsonNode> classify(ProviderCall call, JsonNode errors) {
    List<String> messages = new ArrayList<>();
    FailureKind worst = FailureKind.NOT_FOUND;
    for (JsonNode error : errors) {
      String message = error.path("message").asText("");
      messages.add(message);
      FailureKind kind = FailureKind.of(error.path("extensions").path("code").asText(""), message);
      worst = kind.ordinal() > worst.ordinal() ? kind : worst;
    }
    String text = call.describe() + ": " + String.join("; ", messages);
    return switch (worst) {
      case NOT_FOUND -> Optional.empty();
      case TRANSIENT -> throw ProviderFailures.retryable(text, null);
      case CONFLICT -> throw ProviderFailures.nonRetryable(FailureType.CONFLICT, text);
      case CREDENTIALS -> throw ProviderFailures.nonRetryable(FailureType.BAD_CREDENTIALS,
          text + " (check FLY_API_TOKEN and FLY_ORG)");
      case REJECTED -> throw ProviderFailures.nonRetryable(FailureType.REQUEST_REJECTED, text);
    };
  }

  /** What a GraphQL error means to envflow, mildest first (several errors: the worst one decides). */
  private enum FailureKind {
    NOT_FOUND, TRANSIENT, CONFLICT, REJECTED, CREDENTIALS;

    static FailureKind of(String code, String message) {
      String text = (code + " " + message).toLowerCase(Locale.ROOT);
      if (text.contains("unauthorized") || text.contains("unauthenticated") || text.contains("forbidden")
          || text.contains("not authorized") || text.contains("must be authenticated")) {
        return CREDENTIALS;
      }
      if (text.contains("not_found") || text.contains("not found") || text.contains("could not find")
          || text.contains("could not resolve")) {
        return NOT_FOUND;
      }
      if (text.contains("rate") && text.contains("limit") || text.contains("too_many_requests")
          || text.contains("internal_server_error") || text.contains("service_unavailable")
          || text.contains("timeout") || text.contains("try again")) {
        return TRANSIENT;
      }
      if (text.contains("already been taken") || text.contains("already exists") || text.contains("already taken")) {
        return CONFLICT;
      }
      return REJECTED;
    }
  }
}
