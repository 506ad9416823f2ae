package dev.envflow.workflows.spec;

/**
 * "Are metrics flowing?" after deploy and smoke tests: the environment becomes ACTIVE only once the monitoring
 * backend holds a sample of {@code metric} for it, and rolls back when none arrives within {@code timeout}.
 *
 * @param metric the metric to look for, e.g. {@code synckairos_active_sessions} (default
 *     {@code {metricPrefix}_active_sessions})
 * @param timeout how long to wait for the first sample, an ISO-8601 duration (default {@code PT5M})
 */
public record MetricsCheckSpec(String metric, String timeout) {

  public static final String DEFAULT_TIMEOUT = "PT5M";

  /** The default metric for a metric prefix: the seed's smoke test looks for {@code {prefix}_active_sessions}. */
  public static String defaultMetric(String metricPrefix) {
    return metricPrefix + "_active_sessions";
  }
}
