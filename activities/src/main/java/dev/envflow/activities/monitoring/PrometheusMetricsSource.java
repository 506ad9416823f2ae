package dev.envflow.activities.monitoring;

import static dev.envflow.activities.cloud.ProviderHttpClient.encode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.cloud.ProviderVariables;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.HttpUrl;

/**
 * The Prometheus HTTP API at {@code ENVFLOW_PROMETHEUS_URL} ({@code GET /api/v1/query}): a local Prometheus, or
 * Grafana Cloud's hosted one ({@code https://prometheus-prod-NN-....grafana.net/api/prom} with
 * {@code ENVFLOW_PROMETHEUS_USER} = the metrics instance id and {@code ENVFLOW_PROMETHEUS_TOKEN} = an access-policy
 * token with {@code metrics:read}; a token without a user is sent as a Bearer token).
 */
public final class PrometheusMetricsSource implements MetricsSource {

  public static final String URL = "ENVFLOW_PROMETHEUS_URL";
  public static final String USER = "ENVFLOW_PROMETHEUS_USER";
  public static final String TOKEN = "ENVFLOW_PROMETHEUS_TOKEN";

  private final ProviderHttpClient http;
  private final String where;

  public PrometheusMetricsSource(String baseUrl, Optional<String> user, Optional<String> token) {
    this.http = new ProviderHttpClient("prometheus", baseUrl, request -> {
      if (user.isPresent() && token.isPresent()) {
        request.header("Authorization", Credentials.basic(user.get(), token.get()));
      } else {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
      }
      return request;
    });
    HttpUrl url = HttpUrl.parse(baseUrl);
    String shown = url == null ? "(invalid URL)"
        : url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
    this.where = "Prometheus " + shown.replaceAll("/+$", "");
  }

  /** The source {@code ENVFLOW_PROMETHEUS_URL} names, or one that fails naming the variable when it is unset. */
  public static MetricsSource fromVariables(ProviderVariables variables) {
    return variables.get(URL)
        .<MetricsSource>map(url -> new PrometheusMetricsSource(url, variables.get(USER), variables.get(TOKEN)))
        .orElseGet(() -> MetricsCheck.unconfigured("a Prometheus HTTP API to query", URL));
  }

  @Override
  public String query(String environmentName, String metricPrefix, String metric) {
    return metric + "{" + SeedMonitoring.ENVIRONMENT_LABEL + "=\"" + environmentName + "\"}";
  }

  @Override
  public boolean hasSamples(String query) {
    ProviderCall call = ProviderCall.of("prometheus", "query", query);
    JsonNode answer = http.get(call, "/api/v1/query?query=" + encode(query));
    if (!"success".equals(answer.path("status").asText())) {
      throw ProviderFailures.retryable(call.describe() + ": " + answer.path("error").asText("no success status"), null);
    }
    JsonNode result = answer.path("data").path("result");
    return result.isArray() && !result.isEmpty();
  }

  @Override
  public String where() {
    return where;
  }
}
