package dev.envflow.activities.monitoring.grafana;

import dev.envflow.activities.monitoring.GrafanaDashboards;

/** The deterministic uids of what envflow makes in Grafana for an environment, each at most 40 characters. */
final class GrafanaNames {

  static final String EMAIL = "email";
  static final String SLACK = "slack";

  private GrafanaNames() {}

  /** {@code envflow-synckairos-staging}: the environment's folder. */
  static String folder(String environmentName) {
    return GrafanaDashboards.uid("envflow", environmentName);
  }

  /** {@code synckairos-staging-latency}, {@code synckairos-staging-high-latency}, {@code synckairos-staging-email}. */
  static String of(String environmentName, String key) {
    return GrafanaDashboards.uid(environmentName, key);
  }
}
