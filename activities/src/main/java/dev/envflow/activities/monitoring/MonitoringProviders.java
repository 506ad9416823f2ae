package dev.envflow.activities.monitoring;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.monitoring.datadog.DatadogMonitoringProvider;
import dev.envflow.activities.monitoring.grafana.GrafanaMonitoringProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitoring providers a worker can serve with its variables (DESIGN.md, "Provider configuration"):
 * {@code local} always; {@code grafana} with {@code GRAFANA_URL} and {@code GRAFANA_TOKEN}; {@code datadog} with
 * {@code DD_API_KEY} and {@code DD_APP_KEY} ({@code DD_SITE}, {@code ENVFLOW_DATADOG_API_URL} optional). The metrics
 * check of {@code local} and {@code grafana} queries the Prometheus HTTP API at {@code ENVFLOW_PROMETHEUS_URL};
 * {@code datadog}'s queries Datadog.
 */
public final class MonitoringProviders {

  public static final String KIND = "monitoring";
  /** The availability entry of the Prometheus the metrics check of local and grafana asks. */
  public static final String METRICS_CHECK = dev.envflow.activities.preflight.ProviderCatalog.METRICS_CHECK;

  private MonitoringProviders() {}

  /** How the metrics check looks: every 15 s, its timeout measured on the system clock. */
  public static List<MonitoringProvider> configured(ProviderVariables variables, Path stateDirectory) {
    return configured(variables, stateDirectory, MetricsCheck.DEFAULT_POLL_INTERVAL, Clock.systemUTC());
  }

  /** @param clock what the metrics check's timeout is measured on (tests pass the test server's clock) */
  public static List<MonitoringProvider> configured(ProviderVariables variables, Path stateDirectory,
      Duration pollInterval, Clock clock) {
    MetricsCheck prometheus = new MetricsCheck(PrometheusMetricsSource.fromVariables(variables), pollInterval, clock);
    List<MonitoringProvider> providers = new ArrayList<>();
    providers.add(new LocalMonitoringProvider(stateDirectory, LocalMonitoringSettings.defaults(), prometheus));
    if (grafana(variables).available()) {
      providers.add(new GrafanaMonitoringProvider(variables.required(GrafanaMonitoringProvider.URL),
          variables.required(GrafanaMonitoringProvider.TOKEN), variables, prometheus));
    }
    if (datadog(variables).available()) {
      providers.add(DatadogMonitoringProvider.fromVariables(variables, pollInterval, clock));
    }
    return providers;
  }

  /** Whether each monitoring provider (and the Prometheus of the metrics check) can be used, and if not, why. */
  public static List<ProviderAvailability> availability(ProviderVariables variables) {
    return List.of(
        ProviderAvailability.ready(KIND, LocalMonitoringProvider.NAME),
        grafana(variables),
        datadog(variables),
        ProviderAvailability.needing(KIND, METRICS_CHECK, variables.missing(PrometheusMetricsSource.URL)));
  }

  private static ProviderAvailability grafana(ProviderVariables variables) {
    return ProviderAvailability.needing(KIND, GrafanaMonitoringProvider.NAME,
        variables.missing(GrafanaMonitoringProvider.URL, GrafanaMonitoringProvider.TOKEN));
  }

  private static ProviderAvailability datadog(ProviderVariables variables) {
    return ProviderAvailability.needing(KIND, DatadogMonitoringProvider.NAME,
        variables.missing(DatadogMonitoringProvider.API_KEY, DatadogMonitoringProvider.APP_KEY));
  }
}
