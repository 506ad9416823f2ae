package dev.envflow.workflows.spec;

/**
 * An environment's monitoring: where it lives ({@code grafana}, {@code datadog} or {@code local}), the metric
 * prefix its queries use, the seed's alert thresholds, who is notified, and the optional check that metrics
 * flow once it is deployed ({@code null}: no check).
 */
public record MonitoringSpec(
    String provider, String metricPrefix, AlertsSpec alerts, ContactsSpec contacts, MetricsCheckSpec metricsCheck) {

  /** Without a metrics check. */
  public MonitoringSpec(String provider, String metricPrefix, AlertsSpec alerts, ContactsSpec contacts) {
    this(provider, metricPrefix, alerts, contacts, null);
  }
}
