package dev.envflow.activities.monitoring.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.monitoring.SeedAlert;
import dev.envflow.activities.monitoring.SeedDashboard;
import dev.envflow.activities.monitoring.SeedMonitoring;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seed's dashboards and alerts as Datadog dashboards (ordered layout, one timeseries widget per panel, the
 * queries translated by {@link dev.envflow.activities.monitoring.MetricQuery}) and monitors (the same thresholds
 * and hold times). How envflow recognises them as its own: dashboards by a marker in their description (Datadog
 * only allows {@code team:} tags on dashboards), monitors by the tags {@code managed-by:envflow} and
 * {@code env:{name}}.
 */
final class DatadogMonitoring {

  static final String MANAGED_BY_TAG = "managed-by:envflow";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DatadogMonitoring() {}

  static String dashboardTitle(String environmentName, SeedDashboard dashboard) {
    return environmentName + " - " + dashboard.title();
  }

  static String marker(String environmentName) {
    return "[envflow:" + environmentName + "]";
  }

  static boolean isOurDashboard(JsonNode dashboard, String environmentName) {
    return dashboard.path("description").asText("").contains(marker(environmentName));
  }

  static ObjectNode dashboard(String environmentName, SeedDashboard seed) {
    ObjectNode dashboard = JSON.createObjectNode();
    dashboard.put("title", dashboardTitle(environmentName, seed));
    dashboard.put("description", "The seed runbook's " + seed.title().toLowerCase() + " dashboard of " + environmentName
        + ", managed by envflow " + marker(environmentName) + ".");
    dashboard.put("layout_type", "ordered");
    ArrayNode widgets = dashboard.putArray("widgets");
    for (SeedDashboard.Panel panel : seed.panels()) {
      ObjectNode definition = widgets.addObject().putObject("definition");
      definition.put("type", "timeseries");
      definition.put("title", panel.title());
      ArrayNode requests = definition.putArray("requests");
      for (SeedDashboard.Target target : panel.targets()) {
        ObjectNode request = requests.addObject();
        request.put("q", target.query().datadog());
        request.put("display_type", "line");
        if (!target.legend().contains("{{")) {
          request.putArray("metadata").addObject()
              .put("expression", target.query().datadog()).put("alias_name", target.legend());
        }
      }
    }
    return dashboard;
  }

  static String monitorName(String environmentName, SeedAlert alert) {
    return "[" + environmentName + "] " + alert.title();
  }

  static List<String> tags(String environmentName) {
    return List.of(MANAGED_BY_TAG, SeedMonitoring.ENVIRONMENT_LABEL + ":" + environmentName);
  }

  static boolean isOurMonitor(JsonNode monitor, String environmentName) {
    List<String> tags = new ArrayList<>();
    monitor.path("tags").forEach(tag -> tags.add(tag.asText()));
    return tags.containsAll(tags(environmentName));
  }

  /** @param handles who is notified: {@code @alerts@example.com}, {@code @webhook-envflow-...-slack} */
  static ObjectNode monitor(String environmentName, SeedAlert alert, List<String> handles) {
    ObjectNode monitor = JSON.createObjectNode();
    monitor.put("name", monitorName(environmentName, alert));
    monitor.put("type", "query alert");
    monitor.put("query", alert.datadogMonitorQuery());
    monitor.put("message", alert.summary() + ": " + alert.description() + "."
        + (handles.isEmpty() ? "" : "\n\nNotify: " + String.join(" ", handles)));
    ArrayNode tags = monitor.putArray("tags");
    tags(environmentName).forEach(tags::add);
    tags.add("severity:" + alert.severity());
    ObjectNode options = monitor.putObject("options");
    options.putObject("thresholds").put("critical", alert.threshold());
    options.put("notify_no_data", false);
    options.put("include_tags", true);
    return monitor;
  }

  /** The Webhooks integration that posts a monitor's notifications to the environment's Slack incoming webhook. */
  static String webhookName(String environmentName) {
    return "envflow-" + environmentName + "-slack";
  }

  static ObjectNode webhook(String environmentName, String slackWebhookUrl) {
    ObjectNode webhook = JSON.createObjectNode();
    webhook.put("name", webhookName(environmentName));
    webhook.put("url", slackWebhookUrl);
    webhook.put("encode_as", "json");
    webhook.put("payload", "{\"text\": \"$EVENT_TITLE\\n$TEXT_ONLY_MSG\\n$LINK\"}");
    return webhook;
  }

  static List<String> handles(List<String> emails, Optional<String> webhookName) {
    List<String> handles = new ArrayList<>();
    if (emails != null) {
      emails.forEach(email -> handles.add("@" + email));
    }
    webhookName.ifPresent(name -> handles.add("@webhook-" + name));
    return handles;
  }
}
