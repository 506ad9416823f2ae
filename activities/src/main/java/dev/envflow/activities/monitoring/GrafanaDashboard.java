package dev.envflow.activities.monitoring;

import java.util.List;

/** The part of Grafana's dashboard JSON model envflow writes: time series panels of Prometheus queries. */
public record GrafanaDashboard(
    String uid,
    String title,
    List<String> tags,
    String timezone,
    int schemaVersion,
    int version,
    boolean editable,
    String refresh,
    TimeRange time,
    List<Panel> panels) {

  public record TimeRange(String from, String to) {}

  public record Panel(
      int id,
      String type,
      String title,
      GridPos gridPos,
      Datasource datasource,
      List<Target> targets,
      FieldConfig fieldConfig) {}

  public record GridPos(int h, int w, int x, int y) {}

  public record Datasource(String type, String uid) {}

  public record Target(String refId, Datasource datasource, String expr, String legendFormat) {}

  public record FieldConfig(Defaults defaults, List<Object> overrides) {}

  public record Defaults(String unit) {}
}
