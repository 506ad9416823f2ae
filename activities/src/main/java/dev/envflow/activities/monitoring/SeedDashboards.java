package dev.envflow.activities.monitoring;

import dev.envflow.activities.monitoring.GrafanaDashboard.Datasource;
import dev.envflow.activities.monitoring.GrafanaDashboard.Defaults;
import dev.envflow.activities.monitoring.GrafanaDashboard.FieldConfig;
import dev.envflow.activities.monitoring.GrafanaDashboard.GridPos;
import dev.envflow.activities.monitoring.GrafanaDashboard.Panel;
import dev.envflow.activities.monitoring.GrafanaDashboard.Target;
import dev.envflow.activities.monitoring.GrafanaDashboard.TimeRange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The seed runbook's latency, throughput and error dashboards for one environment and metric prefix. */
final class SeedDashboards {

  /** Grafana refuses dashboard uids longer than this. */
  static final int MAX_UID_LENGTH = 40;

  private static final int PANEL_HEIGHT = 8;
  private static final int PANEL_WIDTH = 12;
  private static final int PANELS_PER_ROW = 2;

  private final String environmentName;
  private final String prefix;
  private final Datasource datasource;

  SeedDashboards(String environmentName, String metricPrefix, String datasourceUid) {
    this.environmentName = environmentName;
    this.prefix = metricPrefix;
    this.datasource = new Datasource("prometheus", datasourceUid);
  }

  /** File name (without {@code .json}) to dashboard. */
  List<Named> all() {
    return List.of(new Named("latency", latency()), new Named("throughput", throughput()),
        new Named("errors", errors()));
  }

  record Named(String fileName, GrafanaDashboard dashboard) {}

  GrafanaDashboard latency() {
    String switchCycle = prefix + "_switch_cycle_duration_ms_bucket";
    String httpDuration = prefix + "_http_request_duration_ms_bucket";
    return dashboard("latency", "Latency", List.of(
        new PanelSpec("switchCycle() Latency", "ms", List.of(
            new Query(quantile("0.50", switchCycle, "le"), "p50"),
            new Query(quantile("0.95", switchCycle, "le"), "p95"),
            new Query(quantile("0.99", switchCycle, "le"), "p99"))),
        new PanelSpec("HTTP Request Duration p95 by Route", "ms", List.of(
            new Query(quantile("0.95", httpDuration, "le, route"), "{{route}} p95")))));
  }

  GrafanaDashboard throughput() {
    return dashboard("throughput", "Throughput", List.of(
        new PanelSpec("Active Sessions", "short", List.of(new Query("sum(" + prefix + "_active_sessions)", "sessions"))),
        new PanelSpec("Requests per Second", "reqps",
            List.of(new Query("sum(rate(" + prefix + "_http_requests_total[5m]))", "requests/s"))),
        new PanelSpec("WebSocket Connections", "short",
            List.of(new Query("sum(" + prefix + "_websocket_connections)", "connections"))),
        new PanelSpec("DB Write Queue Depth", "short",
            List.of(new Query("sum(" + prefix + "_db_write_queue_size)", "queued writes")))));
  }

  GrafanaDashboard errors() {
    String requests = prefix + "_http_requests_total";
    return dashboard("errors", "Errors", List.of(
        new PanelSpec("HTTP Errors by Status Code", "reqps", List.of(new Query(
            "sum by (status_code) (rate(" + requests + "{status_code=~\"[45]..\"}[5m]))", "{{status_code}}"))),
        new PanelSpec("Error Rate", "percent", List.of(new Query(
            "100 * sum(rate(" + requests + "{status_code=~\"5..\"}[5m])) / sum(rate(" + requests + "[5m]))",
            "5xx %"))),
        new PanelSpec("Failed DB Writes", "ops",
            List.of(new Query("sum(rate(" + prefix + "_db_writes_failed_total[5m]))", "failed writes/s")))));
  }

  static String uid(String environmentName, String dashboard) {
    String uid = environmentName + "-" + dashboard;
    if (uid.length() <= MAX_UID_LENGTH) {
      return uid;
    }
    String hash = HexFormat.of().formatHex(sha256(uid)).substring(0, 8);
    return uid.substring(0, MAX_UID_LENGTH - hash.length() - 1) + "-" + hash;
  }

  private static String quantile(String quantile, String bucket, String by) {
    return "histogram_quantile(" + quantile + ", sum by (" + by + ") (rate(" + bucket + "[5m])))";
  }

  private GrafanaDashboard dashboard(String key, String title, List<PanelSpec> panelSpecs) {
    List<Panel> panels = new ArrayList<>();
    for (int i = 0; i < panelSpecs.size(); i++) {
      panels.add(panel(i, panelSpecs.get(i)));
    }
    return new GrafanaDashboard(uid(environmentName, key), environmentName + " - " + title,
        List.of("envflow", environmentName), "browser", 39, 1, false, "30s", new TimeRange("now-6h", "now"),
        panels);
  }

  private Panel panel(int index, PanelSpec spec) {
    GridPos position = new GridPos(PANEL_HEIGHT, PANEL_WIDTH, (index % PANELS_PER_ROW) * PANEL_WIDTH,
        (index / PANELS_PER_ROW) * PANEL_HEIGHT);
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < spec.queries().size(); i++) {
      Query query = spec.queries().get(i);
      targets.add(new Target(String.valueOf((char) ('A' + i)), datasource, query.expr(), query.legend()));
    }
    return new Panel(index + 1, "timeseries", spec.title(), position, datasource, targets,
        new FieldConfig(new Defaults(spec.unit()), List.of()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private record PanelSpec(String title, String unit, List<Query> queries) {}

  private record Query(String expr, String legend) {}
}
