package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Datadog's v1 API as envflow's Datadog provider talks to it: dashboards (paged list, only {@code team:} tags),
 * monitors (name filter, the query's threshold must equal {@code options.thresholds.critical}), the Webhooks
 * integration, metric queries that return samples once told to, {@code DD-API-KEY} / {@code DD-APPLICATION-KEY}
 * authentication and 429s with the {@code X-RateLimit-*} headers. It starts with another team's dashboard and
 * monitor, which envflow must never touch.
 */
public final class FakeDatadog extends FakeApi {

  public static final String API_KEY = "dd-fake-api-key";
  public static final String APP_KEY = "dd-fake-application-key";
  private static final Pattern THRESHOLD = Pattern.compile(">\\s*([0-9.]+)\\s*$");

  private final Map<String, ObjectNode> dashboards = new TreeMap<>();
  private final Map<Long, ObjectNode> monitors = new TreeMap<>();
  private final Map<String, ObjectNode> webhooks = new TreeMap<>();
  private final List<String> metricQueries = new ArrayList<>();
  private final AtomicInteger queriesUntilSamples = new AtomicInteger(Integer.MAX_VALUE);
  private long nextMonitorId = 1000;
  private int nextDashboard = 1;

  public FakeDatadog() {
    ObjectNode theirs = JSON.createObjectNode().put("id", "pay-123-abc").put("title", "Payments")
        .put("description", "payments team").put("layout_type", "ordered").put("url", "/dashboard/pay-123-abc/payments");
    theirs.putArray("widgets");
    dashboards.put("pay-123-abc", theirs);
    ObjectNode monitor = JSON.createObjectNode().put("id", 42L).put("name", "[payments] latency").put("type", "query alert")
        .put("query", "avg(last_5m):avg:payments.latency{*} > 1");
    monitor.putArray("tags").add("team:payments");
    monitor.putObject("options").putObject("thresholds").put("critical", 1);
    monitors.put(42L, monitor);
  }

  /** The worker variables that point the datadog provider at this fake. */
  public Map<String, String> variables() {
    return Map.of("DD_API_KEY", API_KEY, "DD_APP_KEY", APP_KEY, "ENVFLOW_DATADOG_API_URL", url());
  }

  /** The next {@code times} requests answer 429 with the rate-limit headers, resetting after {@code resetSeconds}. */
  public void rateLimitNext(String method, String pathPrefix, int times, int resetSeconds) {
    failNext(method, pathPrefix, times, 429, "{\"errors\":[\"Rate limit of 3000 requests in 3600 seconds reached.\"]}",
        Map.of("X-RateLimit-Limit", "3000", "X-RateLimit-Period", "3600", "X-RateLimit-Remaining", "0",
            "X-RateLimit-Reset", String.valueOf(resetSeconds), "X-RateLimit-Name", "monitors"));
  }

  /** A monitor made by a person. */
  public synchronized void addMonitor(String name, List<String> tags) {
    ObjectNode monitor = JSON.createObjectNode().put("id", nextMonitorId).put("name", name).put("type", "query alert")
        .put("query", "avg(last_5m):avg:web.errors{*} > 5");
    ArrayNode tagList = monitor.putArray("tags");
    tags.forEach(tagList::add);
    monitor.putObject("options").putObject("thresholds").put("critical", 5);
    monitors.put(nextMonitorId++, monitor);
  }

  /** A dashboard made by a person. */
  public synchronized void addDashboard(String title, String description) {
    addDashboard("hand-" + (nextDashboard++) + "-made", title, description);
  }

  private void addDashboard(String id, String title, String description) {
    ObjectNode dashboard = JSON.createObjectNode().put("id", id).put("title", title).put("description", description)
        .put("layout_type", "ordered").put("url", "/dashboard/" + id);
    dashboard.putArray("widgets");
    dashboards.put(id, dashboard);
  }

  /** {@code count} other teams' dashboards, so that the list takes several pages. */
  public synchronized void addDashboards(int count) {
    for (int i = 0; i < count; i++) {
      // listed before envflow's, which then are on a later page
      addDashboard(String.format("a-team-%03d", i), "Team dashboard " + i, "someone's");
    }
  }

  /** Metric queries find samples from the {@code n}th one on (1 = at once). */
  public void samplesFromQuery(int n) {
    queriesUntilSamples.set(n);
  }

  public synchronized List<String> metricQueries() {
    return List.copyOf(metricQueries);
  }

  public synchronized List<JsonNode> dashboards() {
    return dashboards.values().stream().map(d -> (JsonNode) d.deepCopy()).toList();
  }

  public synchronized List<JsonNode> monitors() {
    return monitors.values().stream().map(m -> (JsonNode) m.deepCopy()).toList();
  }

  public synchronized Optional<JsonNode> webhook(String name) {
    return Optional.ofNullable(webhooks.get(name)).map(JsonNode::deepCopy);
  }

  /**
   * What the fake holds for an environment, one {@code kind title} per object (so a duplicate shows twice):
   * dashboards titled {@code <environment> - ...}, monitors named {@code [<environment>] ...}, its webhook.
   */
  public synchronized List<String> resourcesOf(String environment) {
    List<String> found = new ArrayList<>();
    dashboards.values().stream().map(d -> d.path("title").asText()).filter(t -> t.startsWith(environment + " - "))
        .forEach(title -> found.add("dashboard " + title));
    monitors.values().stream().map(m -> m.path("name").asText()).filter(n -> n.startsWith("[" + environment + "] "))
        .forEach(name -> found.add("monitor " + name));
    webhooks.keySet().stream().filter(("envflow-" + environment + "-slack")::equals)
        .forEach(name -> found.add("webhook " + name));
    return found;
  }

  @Override
  public synchronized String snapshot() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("dashboards", dashboards);
    state.put("monitors", monitors);
    state.put("webhooks", webhooks);
    return canonical(state);
  }

  @Override
  protected MockResponse error(int status) {
    if (status == 429) {
      return new MockResponse.Builder(json(429, Map.of("errors", List.of("Rate limit of 3000 requests in 3600 seconds"
          + " reached.")))).setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", "1").build();
    }
    return json(status, Map.of("errors", List.of("Internal Server Error")));
  }

  @Override
  protected MockResponse refuseUnauthenticated(RecordedRequest request) {
    boolean ok = API_KEY.equals(request.getHeaders().get("DD-API-KEY"))
        && APP_KEY.equals(request.getHeaders().get("DD-APPLICATION-KEY"));
    return ok ? null : json(403, Map.of("errors", List.of("Forbidden")));
  }

  @Override
  protected MockResponse handle(String method, String path, RecordedRequest request) {
    String last = path.substring(path.lastIndexOf('/') + 1);
    String route = path.replaceAll("^(/api/v1/(dashboard|monitor|integration/webhooks/configuration/webhooks))/.+$", "$1/*");
    switch (method + " " + route) {
      case "GET /api/v1/dashboard":
        return listDashboards(request);
      case "POST /api/v1/dashboard":
        return saveDashboard(null, body(request));
      case "GET /api/v1/dashboard/*":
        return dashboards.containsKey(last) ? json(200, dashboards.get(last)) : notFound();
      case "PUT /api/v1/dashboard/*":
        return dashboards.containsKey(last) ? saveDashboard(last, body(request)) : notFound();
      case "DELETE /api/v1/dashboard/*":
        return dashboards.remove(last) != null ? json(200, Map.of("deleted_dashboard_id", last)) : notFound();
      case "GET /api/v1/monitor":
        return listMonitors(request.getUrl().queryParameter("name"));
      case "POST /api/v1/monitor":
        return saveMonitor(null, body(request));
      case "PUT /api/v1/monitor/*":
        return monitors.containsKey(Long.parseLong(last)) ? saveMonitor(Long.parseLong(last), body(request)) : notFound();
      case "DELETE /api/v1/monitor/*":
        return monitors.remove(Long.parseLong(last)) != null
            ? json(200, Map.of("deleted_monitor_id", Long.parseLong(last))) : notFound();
      case "GET /api/v1/integration/webhooks/configuration/webhooks/*":
        return webhooks.containsKey(last) ? json(200, webhooks.get(last)) : notFound();
      case "POST /api/v1/integration/webhooks/configuration/webhooks":
        return saveWebhook(null, body(request));
      case "PUT /api/v1/integration/webhooks/configuration/webhooks/*":
        return webhooks.containsKey(last) ? saveWebhook(last, body(request)) : notFound();
      case "DELETE /api/v1/integration/webhooks/configuration/webhooks/*":
        return webhooks.remove(last) != null ? empty(200) : notFound();
      case "GET /api/v1/query":
        return query(request.getUrl().queryParameter("query"));
      default:
        return json(418, Map.of("errors", List.of("the fake Datadog has no " + method + " " + path)));
    }
  }

  private MockResponse listDashboards(RecordedRequest request) {
    int count = Integer.parseInt(Optional.ofNullable(request.getUrl().queryParameter("count")).orElse("100"));
    int start = Integer.parseInt(Optional.ofNullable(request.getUrl().queryParameter("start")).orElse("0"));
    ArrayNode page = JSON.createArrayNode();
    dashboards.values().stream().skip(start).limit(count).forEach(d -> page.addObject()
        .put("id", d.path("id").asText()).put("title", d.path("title").asText())
        .put("description", d.path("description").asText()).put("url", d.path("url").asText())
        .put("layout_type", d.path("layout_type").asText()));
    return json(200, JSON.createObjectNode().set("dashboards", page));
  }

  private MockResponse saveDashboard(String id, JsonNode body) {
    if (!body.hasNonNull("title") || !body.hasNonNull("layout_type") || !body.path("widgets").isArray()) {
      return badRequest("title, layout_type and widgets are required");
    }
    for (JsonNode tag : body.path("tags")) {
      if (!tag.asText().startsWith("team:")) {
        return badRequest("Invalid dashboard tag: " + tag.asText() + "; tags must be of the form team:<name>");
      }
    }
    for (JsonNode widget : body.path("widgets")) {
      if (!widget.path("definition").hasNonNull("type") || !widget.path("definition").path("requests").isArray()) {
        return badRequest("every widget needs a definition with a type and requests");
      }
    }
    String key = id == null ? "env-" + (nextDashboard++) + "-flw" : id;
    ObjectNode stored = body.deepCopy();
    stored.put("id", key);
    stored.put("url", "/dashboard/" + key + "/" + body.path("title").asText().toLowerCase().replaceAll("[^a-z0-9]+", "-"));
    int widgetId = 1;
    for (JsonNode widget : stored.path("widgets")) {
      ((ObjectNode) widget).put("id", widgetId++);
    }
    dashboards.put(key, stored);
    return json(200, stored);
  }

  private MockResponse listMonitors(String name) {
    ArrayNode list = JSON.createArrayNode();
    monitors.values().stream()
        .filter(m -> name == null || m.path("name").asText().toLowerCase().contains(name.toLowerCase()))
        .forEach(list::add);
    return json(200, list);
  }

  private MockResponse saveMonitor(Long id, JsonNode body) {
    if (!body.hasNonNull("type") || !body.hasNonNull("query")) {
      return badRequest("type and query are required");
    }
    Matcher threshold = THRESHOLD.matcher(body.path("query").asText());
    JsonNode critical = body.path("options").path("thresholds").path("critical");
    if (!threshold.find() || !critical.isNumber()
        || new java.math.BigDecimal(threshold.group(1)).compareTo(critical.decimalValue()) != 0) {
      return badRequest("The value provided for parameter 'query' is invalid: critical threshold does not match the"
          + " query's threshold");
    }
    long key = id == null ? nextMonitorId++ : id;
    ObjectNode stored = body.deepCopy();
    stored.put("id", key);
    stored.put("overall_state", "No Data");
    monitors.put(key, stored);
    return json(200, stored);
  }

  private MockResponse saveWebhook(String name, JsonNode body) {
    if (!body.hasNonNull("name") || !body.path("url").asText().startsWith("http")) {
      return badRequest("name and url are required");
    }
    String key = name == null ? body.path("name").asText() : name;
    if (name == null && webhooks.containsKey(key)) {
      return badRequest("Webhook " + key + " already exists");
    }
    webhooks.put(key, body.deepCopy());
    return json(name == null ? 201 : 200, body);
  }

  private MockResponse query(String query) {
    metricQueries.add(query);
    ObjectNode answer = JSON.createObjectNode().put("status", "ok").put("query", query).put("res_type", "time_series");
    ArrayNode series = answer.putArray("series");
    if (queriesUntilSamples.decrementAndGet() <= 0) {
      ObjectNode one = series.addObject().put("metric", query).put("scope", "*");
      one.putArray("pointlist").addArray().add(1_700_000_000_000.0).add(3.0);
    }
    return json(200, answer);
  }

  private static MockResponse badRequest(String error) {
    return json(400, Map.of("errors", List.of(error)));
  }

  private static MockResponse notFound() {
    return json(404, Map.of("errors", List.of("Not found")));
  }
}
