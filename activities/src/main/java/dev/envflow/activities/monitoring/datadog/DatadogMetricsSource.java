package dev.envflow.activities.monitoring.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.monitoring.MetricName;
import dev.envflow.activities.monitoring.MetricsSource;
import dev.envflow.activities.monitoring.SeedMonitoring;
import java.time.Clock;
import java.time.Duration;

/** Datadog's metric query ({@code GET /api/v1/query}) over the last ten minutes, as the metrics check's source. */
final class DatadogMetricsSource implements MetricsSource {

  private static final Duration LOOKBACK = Duration.ofMinutes(10);

  private final DatadogClient datadog;
  private final String where;
  private final Clock clock;

  DatadogMetricsSource(DatadogClient datadog, String apiUrl, Clock clock) {
    this.datadog = datadog;
    this.where = "Datadog " + apiUrl;
    this.clock = clock;
  }

  /** {@code avg:synckairos.active_sessions{env:synckairos-staging}}, the metric spelled for Datadog. */
  @Override
  public String query(String environmentName, String metricPrefix, String metric) {
    return "avg:" + MetricName.datadogName(metricPrefix, metric) + "{" + SeedMonitoring.ENVIRONMENT_LABEL + ":"
        + environmentName + "}";
  }

  @Override
  public boolean hasSamples(String query) {
    long now = clock.instant().getEpochSecond();
    JsonNode answer = datadog.query(query, now - LOOKBACK.toSeconds(), now);
    for (JsonNode series : answer.path("series")) {
      for (JsonNode point : series.path("pointlist")) {
        if (point.isArray() && point.size() > 1 && point.get(1).isNumber()) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String where() {
    return where;
  }
}
