package dev.envflow.activities.monitoring;

import dev.envflow.activities.monitoring.PrometheusRuleFile.Group;
import dev.envflow.activities.monitoring.PrometheusRuleFile.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seed's alerts as one Prometheus rule group named after the environment. */
public final class PrometheusRules {

  private PrometheusRules() {}

  public static PrometheusRuleFile of(String environmentName, List<SeedAlert> alerts) {
    List<Rule> rules = alerts.stream().map(alert -> new Rule(alert.alertName(), alert.promQlCondition(),
        alert.holdForText(), labels(environmentName, alert.severity()),
        annotations(alert.summary(), alert.description()))).toList();
    return new PrometheusRuleFile(List.of(new Group(environmentName, rules)));
  }

  /** {@code severity} and {@code env}: what notification routing matches on. */
  public static Map<String, String> labels(String environmentName, String severity) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("severity", severity);
    labels.put(SeedMonitoring.ENVIRONMENT_LABEL, environmentName);
    return labels;
  }

  private static Map<String, String> annotations(String summary, String description) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary);
    annotations.put("description", description);
    return annotations;
  }
}
