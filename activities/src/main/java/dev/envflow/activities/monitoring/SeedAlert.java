package dev.envflow.activities.monitoring;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * One of the seed runbook's alerts: {@code query > threshold}, held for {@code holdFor}. Rendered as a Prometheus
 * rule, a Grafana alert rule and a Datadog monitor from the same fields, so the threshold means the same in each.
 *
 * @param key short name used in uids: {@code high-latency}, {@code high-error-rate}, {@code queue-backup}
 * @param alertName the Prometheus alert name, e.g. {@code HighSwitchCycleLatency}
 * @param title what people read, e.g. {@code High switchCycle latency}
 * @param severity {@code warning} or {@code critical}
 */
public record SeedAlert(
    String key,
    String alertName,
    String title,
    MetricQuery query,
    BigDecimal threshold,
    Duration holdFor,
    String severity,
    String summary,
    String description) {

  /** {@code query > threshold} in PromQL. */
  public String promQlCondition() {
    return query.promQl() + " > " + thresholdText();
  }

  /** The hold time as Prometheus and Grafana write it: {@code 5m}, {@code 10m}. */
  public String holdForText() {
    long minutes = holdFor.toMinutes();
    return holdFor.equals(Duration.ofMinutes(minutes)) ? minutes + "m" : holdFor.toSeconds() + "s";
  }

  /** The Datadog monitor query: {@code percentile(last_5m):p95:...{env:...} > 50}. */
  public String datadogMonitorQuery() {
    return query.datadogMonitor(holdForText()) + " > " + thresholdText();
  }

  /** The threshold as queries read it: {@code 0.01}, {@code 50}, never {@code 1.0E-2}. */
  public String thresholdText() {
    return threshold.stripTrailingZeros().toPlainString();
  }
}
