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

/**
 * The seed's dashboards as Grafana dashboard JSON, querying the Prometheus data source with the given uid: used
 * for the local provisioning files and by the Grafana provider's API calls alike.
 */
public final class GrafanaDashboards {

  /** Grafana refuses uids longer than this. */
  public static final int MAX_UID_LENGTH = 40;
  /** Tag on every dashboard envflow makes. */
  public static final String TAG = "envflow";

  private static final int PANEL_HEIGHT = 8;
  private static final int PANEL_WIDTH = 12;
  private static final int PANELS_PER_ROW = 2;

  private GrafanaDashboards() {}

  /** @param key the seed dashboard's key, also the local file's name */
  public record Named(String key, GrafanaDashboard dashboard) {}

  public static List<Named> of(SeedMonitoring seed, String datasourceUid) {
    Datasource datasource = new Datasource("prometheus", datasourceUid);
    return seed.dashboards().stream()
        .map(dashboard -> new Named(dashboard.key(), dashboard(seed.environmentName(), dashboard, datasource)))
        .toList();
  }

  /**
   * {@code {environment}-{suffix}}, or when longer than Grafana allows, shortened with a hash of the full value so
   * that uids stay distinct and deterministic.
   */
  public static String uid(String environmentName, String suffix) {
    String uid = environmentName + "-" + suffix;
    if (uid.length() <= MAX_UID_LENGTH) {
      return uid;
    }
    String hash = HexFormat.of().formatHex(sha256(uid)).substring(0, 8);
    return uid.substring(0, MAX_UID_LENGTH - hash.length() - 1) + "-" + hash;
  }

  private static GrafanaDashboard dashboard(String environmentName, SeedDashboard seed, Datasource datasource) {
    List<Panel> panels = new ArrayList<>();
    for (int i = 0; i < seed.panels().size(); i++) {
      panels.add(panel(i, seed.panels().get(i), datasource));
    }
    return new GrafanaDashboard(uid(environmentName, seed.key()), environmentName + " - " + seed.title(),
        List.of(TAG, environmentName), "browser", 39, 1, false, "30s", new TimeRange("now-6h", "now"), panels);
  }

  private static Panel panel(int index, SeedDashboard.Panel seed, Datasource datasource) {
    GridPos position = new GridPos(PANEL_HEIGHT, PANEL_WIDTH, (index % PANELS_PER_ROW) * PANEL_WIDTH,
        (index / PANELS_PER_ROW) * PANEL_HEIGHT);
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < seed.targets().size(); i++) {
      SeedDashboard.Target target = seed.targets().get(i);
      targets.add(new Target(String.valueOf((char) ('A' + i)), datasource, target.query().promQl(), target.legend()));
    }
    return new Panel(index + 1, "timeseries", seed.title(), position, datasource, targets,
        new FieldConfig(new Defaults(seed.unit()), List.of()));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
