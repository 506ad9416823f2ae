package dev.envflow.activities.monitoring;

import dev.envflow.activities.monitoring.PrometheusRuleFile.Group;
import dev.envflow.activities.monitoring.PrometheusRuleFile.Rule;
import dev.envflow.workflows.spec.AlertsSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seed runbook's three alerts (high latency, high error rate, queue backup) as one Prometheus rule group. */
final class SeedAlertRules {

  private SeedAlertRules() {}

  static PrometheusRuleFile forEnvironment(String environmentName, String prefix, AlertsSpec alerts) {
    String requests = prefix + "_http_requests_total";
    String errorPercent = percent(alerts.errorRate());
    Rule latency = new Rule("HighSwitchCycleLatency",
        "histogram_quantile(0.95, sum by (le) (rate(" + prefix + "_switch_cycle_duration_ms_bucket[5m]))) > "
            + alerts.latencyP95Ms(),
        "5m", labels(environmentName, "warning"),
        annotations("High switchCycle latency on " + environmentName,
            "p95 switchCycle latency > " + alerts.latencyP95Ms() + "ms for 5 minutes (now {{ $value }}ms)"));
    Rule errorRate = new Rule("HighErrorRate",
        "sum(rate(" + requests + "{status_code=~\"5..\"}[5m])) / sum(rate(" + requests + "[5m])) > "
            + plain(alerts.errorRate()),
        "5m", labels(environmentName, "critical"),
        annotations("High error rate on " + environmentName,
            "5xx error rate > " + errorPercent + "% for 5 minutes"));
    Rule queueBackup = new Rule("DbWriteQueueBackup",
        prefix + "_db_write_queue_size > " + alerts.queueDepth(),
        "10m", labels(environmentName, "warning"),
        annotations("DB write queue backed up on " + environmentName,
            "Queue depth > " + alerts.queueDepth() + " for 10 minutes"));
    return new PrometheusRuleFile(List.of(new Group(environmentName, List.of(latency, errorRate, queueBackup))));
  }

  /** A threshold as PromQL reads it: {@code 0.01}, never {@code 1.0E-2}. */
  static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String percent(double ratio) {
    return BigDecimal.valueOf(ratio).movePointRight(2).stripTrailingZeros().toPlainString();
  }

  private static Map<String, String> labels(String environmentName, String severity) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("severity", severity);
    labels.put("environment", environmentName);
    return labels;
  }

  private static Map<String, String> annotations(String summary, String description) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary);
    annotations.put("description", description);
    return annotations;
  }
}
