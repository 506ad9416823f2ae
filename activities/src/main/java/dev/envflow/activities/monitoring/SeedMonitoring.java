package dev.envflow.activities.monitoring;

import dev.envflow.activities.monitoring.MetricQuery.Gauge;
import dev.envflow.activities.monitoring.MetricQuery.Quantile;
import dev.envflow.activities.monitoring.MetricQuery.Rate;
import dev.envflow.activities.monitoring.MetricQuery.Ratio;
import dev.envflow.activities.monitoring.MetricQuery.Scope;
import dev.envflow.activities.monitoring.SeedDashboard.Panel;
import dev.envflow.activities.monitoring.SeedDashboard.Target;
import dev.envflow.workflows.spec.AlertsSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The one source of the seed runbook's monitoring (Day 2): three dashboards and three alerts for one environment
 * and metric prefix. Grafana, the local files and Datadog all render these, so a panel, a query or a threshold
 * cannot differ between them.
 *
 * <p>Metric names ({@code {prefix}_...}): {@code switch_cycle_duration_ms} and {@code http_request_duration_ms}
 * (histograms), {@code http_requests_total} (counter with a {@code status_code} label), {@code active_sessions},
 * {@code websocket_connections} and {@code db_write_queue_size} (gauges), {@code db_writes_failed_total}
 * (counter). Every series is selected by the label {@code env="{app}-{environment}"}.
 */
public final class SeedMonitoring {

  /** The label (Datadog: tag) naming the environment on every series, alert and route. */
  public static final String ENVIRONMENT_LABEL = "env";

  /** The keys of {@link #dashboards()}, in order. */
  public static final List<String> DASHBOARD_KEYS = List.of("latency", "throughput", "errors");
  /** The seed runbook's thresholds: p95 50 ms, 1% errors, 1000 queued writes. */
  public static final AlertsSpec SEED_THRESHOLDS = new AlertsSpec(50, 0.01, 1000);
  /** The keys of {@link #alerts}, in order. */
  public static final List<String> ALERT_KEYS = List.of("high-latency", "high-error-rate", "queue-backup");

  private final String environmentName;
  private final String prefix;
  private final Scope scope;

  public SeedMonitoring(String environmentName, String metricPrefix) {
    this.environmentName = environmentName;
    this.prefix = metricPrefix;
    this.scope = new Scope(ENVIRONMENT_LABEL, environmentName);
  }

  public String environmentName() {
    return environmentName;
  }

  public List<SeedDashboard> dashboards() {
    return List.of(latency(), throughput(), errors());
  }

  /** The three alerts with the spec's thresholds; the hold times are the seed's (5m, 5m, 10m). */
  public List<SeedAlert> alerts(AlertsSpec alerts) {
    String latency = String.valueOf(alerts.latencyP95Ms());
    String errorRate = plain(alerts.errorRate());
    String queueDepth = String.valueOf(alerts.queueDepth());
    return List.of(
        new SeedAlert("high-latency", "HighSwitchCycleLatency", "High switchCycle latency",
            new Quantile("0.95", metric("switch_cycle_duration_ms"), List.of(), scope),
            new BigDecimal(latency), Duration.ofMinutes(5), "warning",
            "High switchCycle latency on " + environmentName,
            "p95 switchCycle latency > " + latency + "ms for 5 minutes"),
        new SeedAlert("high-error-rate", "HighErrorRate", "High error rate",
            new Ratio(serverErrors(), requests(), 1),
            new BigDecimal(errorRate), Duration.ofMinutes(5), "critical",
            "High error rate on " + environmentName,
            "5xx error rate > " + percent(alerts.errorRate()) + "% for 5 minutes"),
        new SeedAlert("queue-backup", "DbWriteQueueBackup", "DB write queue backed up",
            new Gauge(metric("db_write_queue_size"), null, scope),
            new BigDecimal(queueDepth), Duration.ofMinutes(10), "warning",
            "DB write queue backed up on " + environmentName,
            "Queue depth > " + queueDepth + " for 10 minutes"));
  }

  SeedDashboard latency() {
    MetricName switchCycle = metric("switch_cycle_duration_ms");
    return new SeedDashboard("latency", "Latency", List.of(
        new Panel("switchCycle() Latency", "ms", List.of(
            new Target(new Quantile("0.50", switchCycle, List.of(), scope), "p50"),
            new Target(new Quantile("0.95", switchCycle, List.of(), scope), "p95"),
            new Target(new Quantile("0.99", switchCycle, List.of(), scope), "p99"))),
        new Panel("HTTP Request Duration p95 by Route", "ms", List.of(new Target(
            new Quantile("0.95", metric("http_request_duration_ms"), List.of("route"), scope), "{{route}} p95")))));
  }

  SeedDashboard throughput() {
    return new SeedDashboard("throughput", "Throughput", List.of(
        new Panel("Active Sessions", "short",
            List.of(new Target(new Gauge(metric("active_sessions"), "sum", scope), "sessions"))),
        new Panel("Requests per Second", "reqps", List.of(new Target(requests(), "requests/s"))),
        new Panel("WebSocket Connections", "short",
            List.of(new Target(new Gauge(metric("websocket_connections"), "sum", scope), "connections"))),
        new Panel("DB Write Queue Depth", "short",
            List.of(new Target(new Gauge(metric("db_write_queue_size"), "sum", scope), "queued writes")))));
  }

  SeedDashboard errors() {
    return new SeedDashboard("errors", "Errors", List.of(
        new Panel("HTTP Errors by Status Code", "reqps", List.of(new Target(
            new Rate(metric("http_requests"), List.of("4", "5"), List.of(Rate.STATUS_LABEL), scope),
            "{{" + Rate.STATUS_LABEL + "}}"))),
        new Panel("Error Rate", "percent", List.of(new Target(new Ratio(serverErrors(), requests(), 100), "5xx %"))),
        new Panel("Failed DB Writes", "ops", List.of(new Target(
            new Rate(metric("db_writes_failed"), List.of(), List.of(), scope), "failed writes/s")))));
  }

  private Rate requests() {
    return new Rate(metric("http_requests"), List.of(), List.of(), scope);
  }

  private Rate serverErrors() {
    return new Rate(metric("http_requests"), List.of("5"), List.of(), scope);
  }

  private MetricName metric(String name) {
    return new MetricName(prefix, name);
  }

  /** A threshold as queries read it: {@code 0.01}, never {@code 1.0E-2}. */
  static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String percent(double ratio) {
    return BigDecimal.valueOf(ratio).movePointRight(2).stripTrailingZeros().toPlainString();
  }
}
