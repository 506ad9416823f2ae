package dev.envflow.activities.monitoring;

import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.Set;

/**
 * One place an environment's monitoring can live ({@code local}, {@code grafana}, {@code datadog}). Creates are
 * idempotent by the environment's deterministic name and change only what differs from the spec; what has our
 * name but was not made by envflow is a non-retryable CONFLICT, left untouched. Returned resources hold no secret.
 */
public interface MonitoringProvider {

  /** The spec's provider name. */
  String name();

  /** Contact points for the spec's emails and Slack webhook, and what routes the environment's alerts to them. */
  Resource createContactPoints(EnvironmentSpec spec);

  /** The seed's latency, throughput and error dashboards. */
  Resource createDashboards(EnvironmentSpec spec);

  /** The seed's three alerts with the spec's thresholds. */
  Resource createAlertRules(EnvironmentSpec spec);

  /** Deletes what envflow made for {@code resource}, and nothing else; what is already gone is fine. */
  void delete(Resource resource);

  /** One look for a sample of the spec's metrics-check metric; see {@code MonitoringActivities.metricsFlowing}. */
  Readiness metricsFlowing(EnvironmentSpec spec, long waitingSinceMillis);

  /** What the orphan sweep may ask this provider; by default it cannot list what it holds, and the sweep says so. */
  default OrphanFinder orphanFinder() {
    return OrphanFinder.unsupported(name(),
        Set.of(ResourceKind.CONTACT_POINTS, ResourceKind.DASHBOARDS, ResourceKind.ALERT_RULES),
        "the " + name() + " monitoring provider cannot list what it holds");
  }
}
