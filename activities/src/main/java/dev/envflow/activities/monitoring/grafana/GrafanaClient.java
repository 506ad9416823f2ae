package dev.envflow.activities.monitoring.grafana;

import static dev.envflow.activities.cloud.ProviderHttpClient.encode;
import static dev.envflow.activities.cloud.ProviderHttpClient.items;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderHttpClient;
import java.util.List;
import java.util.Optional;

/**
 * Grafana's HTTP API as envflow uses it (self-hosted and Grafana Cloud alike): data sources, folders, dashboards,
 * and the alerting provisioning API for alert rules, contact points and the notification-policy tree. Every request
 * carries the service-account token as a Bearer token and {@code X-Disable-Provenance: true}, so that people can
 * still edit what envflow provisions in the Grafana UI (Grafana wants the same header on every later change).
 */
final class GrafanaClient {

  static final String PROVIDER = "grafana";

  private final ProviderHttpClient http;

  GrafanaClient(String baseUrl, String token) {
    this(new ProviderHttpClient(PROVIDER, baseUrl, request -> request
        .header("Authorization", "Bearer " + token)
        .header("X-Disable-Provenance", "true")));
  }

  GrafanaClient(ProviderHttpClient http) {
    this.http = http.withErrorMapping(new GrafanaErrors());
  }

  List<JsonNode> datasources() {
    return items(http.get(call("list data sources", ""), "/api/datasources"));
  }

  Optional<JsonNode> folder(String uid) {
    return http.find(call("read folder", uid), "/api/folders/" + encode(uid));
  }

  void createFolder(String uid, String title) {
    http.post(call("create folder", uid), "/api/folders", new Folder(uid, title));
  }

  boolean deleteFolder(String uid) {
    return http.delete(call("delete folder", uid), "/api/folders/" + encode(uid));
  }

  /** The dashboards in a folder, as search hits ({@code uid}, {@code title}). */
  List<JsonNode> dashboardsIn(String folderUid) {
    return items(http.get(call("search folder", folderUid),
        "/api/search?type=dash-db&folderUIDs=" + encode(folderUid)));
  }

  /** {@code {"dashboard": {...}, "meta": {"folderUid": ...}}}, empty when there is none. */
  Optional<JsonNode> dashboard(String uid) {
    return http.find(call("read dashboard", uid), "/api/dashboards/uid/" + encode(uid));
  }

  void saveDashboard(String uid, JsonNode body) {
    http.post(call("save dashboard", uid), "/api/dashboards/db", body);
  }

  boolean deleteDashboard(String uid) {
    return http.delete(call("delete dashboard", uid), "/api/dashboards/uid/" + encode(uid));
  }

  List<JsonNode> alertRules() {
    return items(http.get(call("list alert rules", ""), "/api/v1/provisioning/alert-rules"));
  }

  Optional<JsonNode> alertRule(String uid) {
    return http.find(call("read alert rule", uid), "/api/v1/provisioning/alert-rules/" + encode(uid));
  }

  void createAlertRule(String uid, JsonNode rule) {
    http.post(call("create alert rule", uid), "/api/v1/provisioning/alert-rules", rule);
  }

  void updateAlertRule(String uid, JsonNode rule) {
    http.put(call("update alert rule", uid), "/api/v1/provisioning/alert-rules/" + encode(uid), rule);
  }

  boolean deleteAlertRule(String uid) {
    return http.delete(call("delete alert rule", uid), "/api/v1/provisioning/alert-rules/" + encode(uid));
  }

  /** The contact points named {@code name} (secure settings such as the Slack URL come back redacted). */
  List<JsonNode> contactPoints(String name) {
    return items(http.get(call("list contact points", name), "/api/v1/provisioning/contact-points?name=" + encode(name)));
  }

  void createContactPoint(String uid, JsonNode contactPoint) {
    http.post(call("create contact point", uid), "/api/v1/provisioning/contact-points", contactPoint);
  }

  void updateContactPoint(String uid, JsonNode contactPoint) {
    http.put(call("update contact point", uid), "/api/v1/provisioning/contact-points/" + encode(uid), contactPoint);
  }

  boolean deleteContactPoint(String uid) {
    return http.delete(call("delete contact point", uid), "/api/v1/provisioning/contact-points/" + encode(uid));
  }

  JsonNode policies() {
    return http.get(call("read notification policies", ""), "/api/v1/provisioning/policies");
  }

  void updatePolicies(String environmentName, JsonNode tree) {
    http.put(call(GrafanaErrors.UPDATE_POLICIES, "(route of " + environmentName + ")"),
        "/api/v1/provisioning/policies", tree);
  }

  private static ProviderCall call(String operation, String resource) {
    return ProviderCall.of(PROVIDER, operation, resource);
  }

  private record Folder(String uid, String title) {}
}
