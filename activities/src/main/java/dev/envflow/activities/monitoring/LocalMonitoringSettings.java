package dev.envflow.activities.monitoring;

/**
 * How the local monitoring files meet the Grafana that loads them.
 *
 * @param grafanaMountPath where Grafana sees the state directory's {@code monitoring/} folder (the
 *     dashboard provider points there), e.g. a docker-compose volume
 * @param prometheusDatasourceUid the uid of the Prometheus datasource the dashboards query
 */
public record LocalMonitoringSettings(String grafanaMountPath, String prometheusDatasourceUid) {

  public static final String DEFAULT_GRAFANA_MOUNT_PATH = "/etc/envflow/monitoring";
  public static final String DEFAULT_PROMETHEUS_DATASOURCE_UID = "prometheus";

  public static LocalMonitoringSettings defaults() {
    return new LocalMonitoringSettings(DEFAULT_GRAFANA_MOUNT_PATH, DEFAULT_PROMETHEUS_DATASOURCE_UID);
  }
}
