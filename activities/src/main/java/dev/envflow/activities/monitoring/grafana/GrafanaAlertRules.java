package dev.envflow.activities.monitoring.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.monitoring.PrometheusRules;
import dev.envflow.activities.monitoring.SeedAlert;
import dev.envflow.activities.monitoring.SeedMonitoring;
import java.util.Map;
import java.util.TreeMap;

/**
 * A seed alert as a Grafana-managed alert rule ({@code ProvisionedAlertRule}): query A is the alert's PromQL on the
 * Prometheus data source, B reduces it to its last value, C compares B with the threshold; the rule fires when C
 * has held for the alert's hold time. Labels carry {@code env} (the notification policy routes on it) and
 * {@code managed_by: envflow} (how envflow knows the rule is its own).
 */
final class GrafanaAlertRules {

  static final String MANAGED_BY_LABEL = "managed_by";
  static final String MANAGED_BY = "envflow";
  static final String EXPRESSIONS = "__expr__";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ORG = 1;
  private static final int QUERY_RANGE_SECONDS = 600;

  private GrafanaAlertRules() {}

  static ObjectNode rule(String environmentName, String folderUid, String datasourceUid, SeedAlert alert) {
    ObjectNode rule = JSON.createObjectNode();
    rule.put("uid", GrafanaNames.of(environmentName, alert.key()));
    rule.put("title", environmentName + " " + alert.title());
    rule.put("ruleGroup", environmentName);
    rule.put("folderUID", folderUid);
    rule.put("orgID", ORG);
    rule.put("condition", "C");
    rule.put("for", alert.holdForText());
    rule.put("noDataState", "OK");
    rule.put("execErrState", "Error");
    rule.put("isPaused", false);
    ObjectNode labels = rule.putObject("labels");
    PrometheusRules.labels(environmentName, alert.severity()).forEach(labels::put);
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    rule.putObject("annotations").put("summary", alert.summary()).put("description", alert.description());
    ArrayNode data = rule.putArray("data");
    data.add(query(datasourceUid, alert.query().promQl()));
    data.add(expression("B", Map.of("type", "reduce", "expression", "A", "reducer", "last")));
    ObjectNode threshold = expression("C", Map.of("type", "threshold", "expression", "B"));
    ObjectNode evaluator = ((ObjectNode) threshold.get("model")).putArray("conditions").addObject().putObject("evaluator");
    evaluator.put("type", "gt").putArray("params").add(alert.threshold());
    data.add(threshold);
    return rule;
  }

  /** True when the rule carries envflow's labels for this environment. */
  static boolean isOurs(JsonNode rule, String environmentName) {
    JsonNode labels = rule.path("labels");
    return MANAGED_BY.equals(labels.path(MANAGED_BY_LABEL).asText())
        && environmentName.equals(labels.path(SeedMonitoring.ENVIRONMENT_LABEL).asText());
  }

  private static ObjectNode query(String datasourceUid, String expr) {
    ObjectNode query = JSON.createObjectNode();
    query.put("refId", "A");
    query.put("datasourceUid", datasourceUid);
    query.putObject("relativeTimeRange").put("from", QUERY_RANGE_SECONDS).put("to", 0);
    ObjectNode model = query.putObject("model");
    model.put("refId", "A");
    model.put("expr", expr);
    model.put("instant", true);
    model.put("range", false);
    model.putObject("datasource").put("type", "prometheus").put("uid", datasourceUid);
    return query;
  }

  private static ObjectNode expression(String refId, Map<String, String> fields) {
    ObjectNode node = JSON.createObjectNode();
    node.put("refId", refId);
    node.put("datasourceUid", EXPRESSIONS);
    node.putObject("relativeTimeRange").put("from", 0).put("to", 0);
    ObjectNode model = node.putObject("model");
    model.put("refId", refId);
    new TreeMap<>(fields).forEach(model::put);
    model.putObject("datasource").put("type", EXPRESSIONS).put("uid", EXPRESSIONS);
    return node;
  }
}
