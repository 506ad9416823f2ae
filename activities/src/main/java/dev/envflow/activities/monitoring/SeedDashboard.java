package dev.envflow.activities.monitoring;

import java.util.List;

/**
 * One of the seed runbook's dashboards, independent of the backend that shows it.
 *
 * @param key short name used in uids and file names: {@code latency}, {@code throughput}, {@code errors}
 * @param title e.g. {@code Latency}; backends prefix the environment's name
 */
public record SeedDashboard(String key, String title, List<Panel> panels) {

  /** @param unit Grafana's unit id ({@code ms}, {@code reqps}, {@code percent}, {@code short}, {@code ops}) */
  public record Panel(String title, String unit, List<Target> targets) {}

  /** @param legend Grafana's legend format, e.g. {@code {{route}} p95}; Datadog shows it as the series alias */
  public record Target(MetricQuery query, String legend) {}
}
