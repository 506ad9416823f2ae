package dev.envflow.activities.monitoring;

/**
 * One of the application's metrics, named once and spelled the way each backend spells it: Prometheus
 * {@code synckairos_switch_cycle_duration_ms}, Datadog {@code synckairos.switch_cycle_duration_ms} (the Agent's
 * OpenMetrics check with {@code namespace: synckairos} and {@code raw_metric_prefix: synckairos_}).
 *
 * @param prefix the spec's {@code monitoring.metricPrefix}
 * @param name the rest of the name, without a counter's {@code _total} or a histogram's {@code _bucket}
 */
public record MetricName(String prefix, String name) {

  public String prometheus() {
    return prefix + "_" + name;
  }

  public String datadog() {
    return prefix + "." + name;
  }

  /**
   * A metric name as a person writes it for Prometheus, spelled for Datadog: {@code {prefix}_x_total} becomes
   * {@code {prefix}.x.count}, {@code {prefix}_x} becomes {@code {prefix}.x}; a name with a dot is already Datadog's.
   */
  public static String datadogName(String prefix, String metric) {
    if (metric.contains(".")) {
      return metric;
    }
    String rest = metric.startsWith(prefix + "_") ? metric.substring(prefix.length() + 1) : null;
    if (rest == null) {
      return metric;
    }
    return rest.endsWith("_total")
        ? prefix + "." + rest.substring(0, rest.length() - "_total".length()) + ".count"
        : prefix + "." + rest;
  }
}
