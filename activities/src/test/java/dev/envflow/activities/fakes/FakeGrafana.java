package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A Grafana (Cloud or self-hosted) as envflow's Grafana provider talks to it: data sources, folders, dashboards
 * (versions, 412 version-mismatch and name-exists), the alerting provisioning API (alert rules 201/204, contact
 * points 202/204 with the Slack URL redacted on reads, the policy tree as one document, validated against the
 * contact points), Bearer-token authentication. It starts with another team's folder, dashboard, alert rule,
 * contact point and route, which envflow must never touch.
 */
public final class FakeGrafana extends FakeApi {

  public static final String TOKEN = "glsa_fake_service_account_token";
  public static final String PROMETHEUS_UID = "grafanacloud-prom";
  public static final String REDACTED = "[REDACTED]";

  private final ArrayNode datasources = JSON.createArrayNode();
  private final Map<String, ObjectNode> folders = new TreeMap<>();
  private final Map<String, ObjectNode> dashboards = new TreeMap<>();
  private final Map<String, ObjectNode> alertRules = new TreeMap<>();
  private final Map<String, ObjectNode> contactPoints = new TreeMap<>();
  private ObjectNode policies;
  private final java.util.Set<String> editsBeforeSave = new java.util.HashSet<>();
  private int nextId = 100;

  public FakeGrafana() {
    datasources.addObject().put("id", 1).put("uid", "grafanacloud-logs").put("name", "grafanacloud-mystack-logs")
        .put("type", "loki").put("isDefault", false);
    datasources.addObject().put("id", 2).put("uid", "grafanacloud-usage").put("name", "grafanacloud-usage")
        .put("type", "prometheus").put("isDefault", false);
    datasources.addObject().put("id", 3).put("uid", PROMETHEUS_UID).put("name", "grafanacloud-mystack-prom")
        .put("type", "prometheus").put("isDefault", true);
    folders.put("payments", folder("payments", "Payments"));
    ObjectNode dashboard = JSON.createObjectNode().put("uid", "payments-overview").put("title", "Payments overview")
        .put("id", 7).put("version", 3);
    dashboard.putArray("tags").add("payments");
    dashboards.put("payments-overview", stored(dashboard, "payments"));
    ObjectNode rule = JSON.createObjectNode().put("uid", "payments-latency").put("title", "Payments latency")
        .put("folderUID", "payments").put("ruleGroup", "payments").put("provenance", "");
    rule.putObject("labels").put("team", "payments");
    alertRules.put("payments-latency", rule);
    contactPoints.put("payments-pager", JSON.createObjectNode().put("uid", "payments-pager").put("name", "payments-oncall")
        .put("type", "email").set("settings", JSON.createObjectNode().put("addresses", "payments@example.com")));
    policies = JSON.createObjectNode().put("receiver", "grafana-default-email").put("provenance", "");
    policies.putArray("group_by").add("grafana_folder").add("alertname");
    ObjectNode payments = policies.putArray("routes").addObject().put("receiver", "payments-oncall");
    payments.putArray("object_matchers").addArray().add("team").add("=").add("payments");
  }

  /** The worker variables that point the grafana provider at this fake. */
  public Map<String, String> variables() {
    return Map.of("GRAFANA_URL", url(), "GRAFANA_TOKEN", TOKEN);
  }

  /** Another client saves the dashboard: its version moves on, so a save based on the old one gets 412. */
  public synchronized void editDashboardBehindEnvflowsBack(String uid) {
    ObjectNode dashboard = (ObjectNode) dashboards.get(uid).get("dashboard");
    dashboard.put("version", dashboard.get("version").asInt() + 1);
    dashboard.put("description", "edited by a person");
  }

  /** A person saves the dashboard between envflow's read and envflow's next save of it. */
  public synchronized void editWhenEnvflowSavesNext(String uid) {
    editsBeforeSave.add(uid);
  }

  /** An email contact point made by a person. */
  public synchronized void addContactPoint(String uid, String name) {
    contactPoints.put(uid, JSON.createObjectNode().put("uid", uid).put("name", name).put("type", "email")
        .put("provenance", "").set("settings", JSON.createObjectNode().put("addresses", "someone@example.com")));
  }

  /** A folder made by a person, e.g. at the uid envflow would use. */
  public synchronized void addFolder(String uid, String title) {
    folders.put(uid, folder(uid, title));
  }

  public synchronized Optional<JsonNode> folder(String uid) {
    return Optional.ofNullable(folders.get(uid)).map(JsonNode::deepCopy);
  }

  /** The stored dashboard model, or empty. */
  public synchronized Optional<JsonNode> dashboard(String uid) {
    return Optional.ofNullable(dashboards.get(uid)).map(d -> d.get("dashboard").deepCopy());
  }

  public synchronized Optional<JsonNode> dashboardFolder(String uid) {
    return Optional.ofNullable(dashboards.get(uid)).map(d -> d.path("meta").get("folderUid").deepCopy());
  }

  public synchronized Optional<JsonNode> alertRule(String uid) {
    return Optional.ofNullable(alertRules.get(uid)).map(JsonNode::deepCopy);
  }

  /** The contact point as stored, secure settings included (only tests see them). */
  public synchronized Optional<JsonNode> contactPoint(String uid) {
    return Optional.ofNullable(contactPoints.get(uid)).map(JsonNode::deepCopy);
  }

  public synchronized JsonNode policyTree() {
    return policies.deepCopy();
  }

  /**
   * What the fake holds for an environment, one {@code kind uid} per object: its folder ({@code envflow-<environment>})
   * and the dashboards, alert rules and contact points whose uid starts {@code <environment>-}.
   */
  public synchronized List<String> resourcesOf(String environment) {
    List<String> found = new java.util.ArrayList<>();
    folders.keySet().stream().filter(("envflow-" + environment)::equals).forEach(uid -> found.add("folder " + uid));
    Map.of("dashboard", dashboards, "alert rule", alertRules, "contact point", contactPoints).forEach((kind, store) ->
        store.keySet().stream().filter(uid -> uid.startsWith(environment + "-")).forEach(uid -> found.add(kind + " " + uid)));
    return found;
  }

  @Override
  public synchronized String snapshot() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("folders", folders);
    state.put("dashboards", dashboards);
    state.put("alertRules", alertRules);
    state.put("contactPoints", contactPoints);
    state.put("policies", policies);
    return canonical(state);
  }

  @Override
  protected MockResponse refuseUnauthenticated(RecordedRequest request) {
    return ("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization")) ? null
        : json(401, Map.of("message", "Invalid API key", "traceID", ""));
  }

  @Override
  protected MockResponse handle(String method, String path, RecordedRequest request) {
    String[] parts = path.split("/");
    String last = parts[parts.length - 1];
    boolean provenanceDisabled = "true".equals(request.getHeaders().get("X-Disable-Provenance"));
    switch (method + " " + path.replaceAll("^(/api/(folders|dashboards/uid|v1/provisioning/(alert-rules|contact-points)))/.+$", "$1/*")) {
      case "GET /api/datasources":
        return json(200, datasources);
      case "GET /api/folders/*":
        return folders.containsKey(last) ? json(200, folders.get(last)) : notFound("folder not found");
      case "POST /api/folders":
        return createFolder(body(request));
      case "DELETE /api/folders/*":
        return deleteFolder(last, "true".equals(request.getUrl().queryParameter("forceDeleteRules")));
      case "GET /api/search":
        return search(request.getUrl().queryParameter("folderUIDs"));
      case "GET /api/dashboards/uid/*":
        return dashboards.containsKey(last) ? json(200, dashboards.get(last)) : notFound("Dashboard not found");
      case "POST /api/dashboards/db":
        return saveDashboard(body(request));
      case "DELETE /api/dashboards/uid/*":
        return dashboards.containsKey(last)
            ? json(200, Map.of("title", dashboards.remove(last).path("dashboard").path("title").asText(),
                "message", "Dashboard deleted", "id", 1))
            : notFound("Dashboard not found");
      case "GET /api/v1/provisioning/alert-rules":
        return json(200, alertRules.values());
      case "GET /api/v1/provisioning/alert-rules/*":
        return alertRules.containsKey(last) ? json(200, alertRules.get(last)) : empty(404);
      case "POST /api/v1/provisioning/alert-rules":
        return saveAlertRule(null, body(request), provenanceDisabled);
      case "PUT /api/v1/provisioning/alert-rules/*":
        return alertRules.containsKey(last) ? saveAlertRule(last, body(request), provenanceDisabled) : empty(404);
      case "DELETE /api/v1/provisioning/alert-rules/*":
        return alertRules.remove(last) != null ? empty(204) : empty(404);
      case "GET /api/v1/provisioning/contact-points":
        return listContactPoints(request.getUrl().queryParameter("name"));
      case "POST /api/v1/provisioning/contact-points":
        return saveContactPoint(null, body(request), provenanceDisabled);
      case "PUT /api/v1/provisioning/contact-points/*":
        return contactPoints.containsKey(last) ? saveContactPoint(last, body(request), provenanceDisabled) : empty(404);
      case "DELETE /api/v1/provisioning/contact-points/*":
        return deleteContactPoint(last);
      case "GET /api/v1/provisioning/policies":
        return json(200, policies);
      case "PUT /api/v1/provisioning/policies":
        return putPolicies(body(request), provenanceDisabled);
      default:
        return json(418, Map.of("message", "the fake Grafana has no " + method + " " + path));
    }
  }

  private MockResponse createFolder(JsonNode body) {
    String uid = body.path("uid").asText();
    if (folders.containsKey(uid)) {
      return json(409, Map.of("message", "a folder with the same uid already exists"));
    }
    if (folders.values().stream().anyMatch(f -> f.path("title").asText().equals(body.path("title").asText()))) {
      return json(409, Map.of("message", "a folder with the same name already exists"));
    }
    ObjectNode folder = folder(uid, body.path("title").asText());
    folders.put(uid, folder);
    return json(200, folder);
  }

  private MockResponse deleteFolder(String uid, boolean forceDeleteRules) {
    if (!folders.containsKey(uid)) {
      return notFound("folder not found");
    }
    if (!forceDeleteRules && alertRules.values().stream().anyMatch(r -> uid.equals(r.path("folderUID").asText()))) {
      return json(400, Map.of("message", "folder cannot be deleted: folder contains alert rules"));
    }
    dashboards.values().removeIf(d -> uid.equals(d.path("meta").path("folderUid").asText()));
    alertRules.values().removeIf(r -> uid.equals(r.path("folderUID").asText()));
    ObjectNode folder = folders.remove(uid);
    return json(200, Map.of("title", folder.path("title").asText(), "message", "Folder deleted", "id", folder.path("id")));
  }

  private MockResponse search(String folderUid) {
    ArrayNode hits = JSON.createArrayNode();
    dashboards.values().stream().filter(d -> folderUid == null || folderUid.equals(d.path("meta").path("folderUid").asText()))
        .forEach(d -> hits.addObject().put("uid", d.path("dashboard").path("uid").asText())
            .put("title", d.path("dashboard").path("title").asText()).put("type", "dash-db")
            .put("folderUid", d.path("meta").path("folderUid").asText()));
    return json(200, hits);
  }

  private MockResponse saveDashboard(JsonNode body) {
    JsonNode dashboard = body.path("dashboard");
    String uid = dashboard.path("uid").asText();
    String folderUid = body.path("folderUid").asText("");
    if (uid.isEmpty() || uid.length() > 40) {
      return json(400, Map.of("message", "dashboard uid is missing or too long", "status", "bad-request"));
    }
    if (!folderUid.isEmpty() && !folders.containsKey(folderUid)) {
      return json(400, Map.of("message", "folder not found", "status", "not-found"));
    }
    for (ObjectNode other : dashboards.values()) {
      if (!uid.equals(other.path("dashboard").path("uid").asText())
          && folderUid.equals(other.path("meta").path("folderUid").asText())
          && dashboard.path("title").asText().equals(other.path("dashboard").path("title").asText())) {
        return json(412, Map.of("message", "A dashboard with the same name in the folder already exists",
            "status", "name-exists"));
      }
    }
    if (editsBeforeSave.remove(uid)) {
      editDashboardBehindEnvflowsBack(uid);
    }
    ObjectNode existing = dashboards.get(uid);
    int version = 1;
    int id = nextId++;
    if (existing != null) {
      int current = existing.path("dashboard").path("version").asInt();
      if (!body.path("overwrite").asBoolean() && dashboard.path("version").asInt(-1) != current) {
        return json(412, Map.of("message", "The dashboard has been changed by someone else", "status", "version-mismatch"));
      }
      version = current + 1;
      id = existing.path("dashboard").path("id").asInt();
    }
    ObjectNode stored = dashboard.deepCopy();
    stored.put("id", id);
    stored.put("version", version);
    dashboards.put(uid, stored(stored, folderUid));
    return json(200, Map.of("id", id, "uid", uid, "url", "/d/" + uid + "/x", "status", "success", "version", version,
        "slug", "x"));
  }

  private MockResponse saveAlertRule(String uid, JsonNode body, boolean provenanceDisabled) {
    for (String field : List.of("title", "ruleGroup", "folderUID", "condition", "data", "noDataState", "execErrState",
        "for", "orgID")) {
      if (body.path(field).isMissingNode() || body.path(field).isNull()) {
        return json(400, Map.of("message", "invalid alert rule: " + field + " is required"));
      }
    }
    if (!folders.containsKey(body.path("folderUID").asText())) {
      return json(400, Map.of("message", "invalid alert rule: folder does not exist"));
    }
    for (JsonNode query : body.path("data")) {
      String datasource = query.path("datasourceUid").asText();
      boolean known = "__expr__".equals(datasource)
          || datasources.findValuesAsText("uid").contains(datasource);
      if (!known) {
        return json(400, Map.of("message", "invalid alert rule: data source " + datasource + " not found"));
      }
    }
    String key = uid == null ? body.path("uid").asText() : uid;
    if (uid == null && alertRules.containsKey(key)) {
      return json(409, Map.of("message", "an alert rule with uid " + key + " already exists"));
    }
    ObjectNode stored = body.deepCopy();
    stored.put("uid", key);
    stored.put("id", alertRules.containsKey(key) ? alertRules.get(key).path("id").asInt() : nextId++);
    stored.put("provenance", provenanceDisabled ? "" : "api");
    alertRules.put(key, stored);
    return json(uid == null ? 201 : 200, stored);
  }

  private MockResponse listContactPoints(String name) {
    ArrayNode list = JSON.createArrayNode();
    contactPoints.values().stream().filter(c -> name == null || name.equals(c.path("name").asText())).forEach(c -> {
      ObjectNode redacted = c.deepCopy();
      if ("slack".equals(c.path("type").asText()) && redacted.path("settings").has("url")) {
        ((ObjectNode) redacted.get("settings")).put("url", REDACTED);
      }
      list.add(redacted);
    });
    return json(200, list);
  }

  private MockResponse saveContactPoint(String uid, JsonNode body, boolean provenanceDisabled) {
    String type = body.path("type").asText();
    JsonNode settings = body.path("settings");
    boolean valid = switch (type) {
      case "email" -> !settings.path("addresses").asText().isBlank();
      case "slack" -> settings.path("url").asText().startsWith("http");
      default -> false;
    };
    if (!valid) {
      return json(400, Map.of("message", "invalid contact point: " + type + " settings are incomplete"));
    }
    String key = uid == null ? body.path("uid").asText() : uid;
    if (uid == null && contactPoints.containsKey(key)) {
      return json(409, Map.of("message", "a contact point with uid " + key + " already exists"));
    }
    ObjectNode stored = body.deepCopy();
    stored.put("uid", key);
    stored.put("provenance", provenanceDisabled ? "" : "api");
    contactPoints.put(key, stored);
    return uid == null ? json(202, stored) : json(202, Map.of("message", "contactpoint updated"));
  }

  private MockResponse deleteContactPoint(String uid) {
    ObjectNode contactPoint = contactPoints.get(uid);
    if (contactPoint == null) {
      return empty(404);
    }
    String name = contactPoint.path("name").asText();
    boolean lastOfItsName = contactPoints.values().stream().filter(c -> name.equals(c.path("name").asText())).count() == 1;
    if (lastOfItsName && receivers(policies).contains(name)) {
      return json(409, Map.of("message", "contact point '" + name + "' is currently used by a notification policy"));
    }
    contactPoints.remove(uid);
    return empty(204);
  }

  private MockResponse putPolicies(JsonNode tree, boolean provenanceDisabled) {
    List<String> names = contactPoints.values().stream().map(c -> c.path("name").asText()).toList();
    for (String receiver : receivers(tree)) {
      if (!names.contains(receiver) && !"grafana-default-email".equals(receiver)) {
        return json(400, Map.of("message", "invalid object specification: receiver '" + receiver + "' does not exist"));
      }
    }
    policies = tree.deepCopy();
    policies.put("provenance", provenanceDisabled ? "" : "api");
    return json(202, Map.of("message", "policies updated"));
  }

  private static List<String> receivers(JsonNode route) {
    List<String> receivers = new java.util.ArrayList<>();
    if (route.hasNonNull("receiver")) {
      receivers.add(route.get("receiver").asText());
    }
    route.path("routes").forEach(child -> receivers.addAll(receivers(child)));
    return receivers;
  }

  private ObjectNode folder(String uid, String title) {
    return JSON.createObjectNode().put("id", nextId++).put("uid", uid).put("title", title).put("version", 1);
  }

  private static ObjectNode stored(ObjectNode dashboard, String folderUid) {
    ObjectNode stored = JSON.createObjectNode();
    stored.set("dashboard", dashboard);
    stored.putObject("meta").put("folderUid", folderUid);
    return stored;
  }

  private static MockResponse notFound(String message) {
    return json(404, Map.of("message", message));
  }
}
