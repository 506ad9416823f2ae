package dev.envflow.activities.monitoring.datadog;

import static dev.envflow.activities.cloud.ProviderHttpClient.encode;
import static dev.envflow.activities.cloud.ProviderHttpClient.items;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderErrorMapping;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderHttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Datadog's v1 API as envflow uses it: dashboards, monitors, the Webhooks integration (how monitors reach a Slack
 * incoming webhook) and metric queries. Authenticated with {@code DD-API-KEY} and {@code DD-APPLICATION-KEY}.
 * Datadog's 429 carries {@code X-RateLimit-Reset} (seconds until the limit resets) rather than {@code Retry-After}:
 * the retry waits that long.
 */
final class DatadogClient {

  static final String PROVIDER = "datadog";
  static final int PAGE = 100;

  /** {@code Retry-After} when given, else {@code X-RateLimit-Reset}, both in seconds. */
  static final ProviderErrorMapping ERRORS = (call, status, body, header) -> ProviderFailures.fromResponse(
      call, status, body, header.apply("Retry-After") != null ? header.apply("Retry-After") : header.apply("X-RateLimit-Reset"));

  private final ProviderHttpClient http;

  DatadogClient(String baseUrl, String apiKey, String applicationKey) {
    this(new ProviderHttpClient(PROVIDER, baseUrl, request -> request
        .header("DD-API-KEY", apiKey)
        .header("DD-APPLICATION-KEY", applicationKey)));
  }

  DatadogClient(ProviderHttpClient http) {
    this.http = http.withErrorMapping(ERRORS);
  }

  /** Every custom dashboard's summary ({@code id}, {@code title}, {@code description}, {@code url}). */
  List<JsonNode> dashboards() {
    List<JsonNode> all = new ArrayList<>();
    for (int start = 0; ; start += PAGE) {
      List<JsonNode> page = items(http.get(call("list dashboards", ""), "/api/v1/dashboard?count=" + PAGE + "&start=" + start)
          .path("dashboards"));
      all.addAll(page);
      if (page.size() < PAGE) {
        return all;
      }
    }
  }

  Optional<JsonNode> dashboard(String id) {
    return http.find(call("read dashboard", id), "/api/v1/dashboard/" + encode(id));
  }

  JsonNode createDashboard(String title, JsonNode dashboard) {
    return http.post(call("create dashboard", title), "/api/v1/dashboard", dashboard);
  }

  void updateDashboard(String id, JsonNode dashboard) {
    http.put(call("update dashboard", id), "/api/v1/dashboard/" + encode(id), dashboard);
  }

  boolean deleteDashboard(String id) {
    return http.delete(call("delete dashboard", id), "/api/v1/dashboard/" + encode(id));
  }

  /** The monitors whose name contains {@code name}. */
  List<JsonNode> monitorsNamed(String name) {
    return items(http.get(call("list monitors", name), "/api/v1/monitor?name=" + encode(name)));
  }

  JsonNode createMonitor(String name, JsonNode monitor) {
    return http.post(call("create monitor", name), "/api/v1/monitor", monitor);
  }

  void updateMonitor(long id, JsonNode monitor) {
    http.put(call("update monitor", String.valueOf(id)), "/api/v1/monitor/" + id, monitor);
  }

  boolean deleteMonitor(long id) {
    return http.delete(call("delete monitor", String.valueOf(id)), "/api/v1/monitor/" + id);
  }

  Optional<JsonNode> webhook(String name) {
    return http.find(call("read webhook", name), "/api/v1/integration/webhooks/configuration/webhooks/" + encode(name));
  }

  void createWebhook(String name, JsonNode webhook) {
    http.post(call("create webhook", name), "/api/v1/integration/webhooks/configuration/webhooks", webhook);
  }

  void updateWebhook(String name, JsonNode webhook) {
    http.put(call("update webhook", name), "/api/v1/integration/webhooks/configuration/webhooks/" + encode(name), webhook);
  }

  boolean deleteWebhook(String name) {
    return http.delete(call("delete webhook", name), "/api/v1/integration/webhooks/configuration/webhooks/" + encode(name));
  }

  /** {@code GET /api/v1/query}: the series of {@code query} between two epoch seconds. */
  JsonNode query(String query, long fromSeconds, long toSeconds) {
    return http.get(call("query metrics", query),
        "/api/v1/query?from=" + fromSeconds + "&to=" + toSeconds + "&query=" + encode(query));
  }

  private static ProviderCall call(String operation, String resource) {
    return ProviderCall.of(PROVIDER, operation, resource);
  }
}
