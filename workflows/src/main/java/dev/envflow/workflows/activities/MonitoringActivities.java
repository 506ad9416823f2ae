package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;

/**
 * An environment's monitoring on the provider {@code monitoring.provider} names: notification contact points,
 * the seed's three dashboards and three alert rules, and the check that its metrics arrive. Every create is
 * idempotent by the environment's deterministic name: a re-run finds what envflow made before and changes it only
 * where the spec changed; something of the same name that envflow did not make is a CONFLICT, left untouched.
 */
@ActivityInterface
public interface MonitoringActivities {

  /** Creates (or updates its own) contact points for the spec's emails and Slack webhook, and their routing. */
  Resource createContactPoints(EnvironmentSpec spec);

  /** Creates (or updates its own) latency, throughput and error dashboards using the spec's metric prefix. */
  Resource createDashboards(EnvironmentSpec spec);

  /** Creates (or updates its own) the high latency, error rate and queue backup alert rules. */
  Resource createAlertRules(EnvironmentSpec spec);

  /**
   * Deletes one monitoring resource created above — only what envflow made, and for Grafana only its own
   * notification-policy route. Deleting what is already gone succeeds.
   */
  void deleteMonitoringResource(Resource resource);

  /**
   * One look for a sample of {@code monitoring.metricsCheck.metric} from this environment. Not ready: look again
   * after {@link Readiness#pollAfterMillis()}. Fails without retry (METRICS_NOT_FLOWING) once
   * {@code monitoring.metricsCheck.timeout} has passed since {@code waitingSinceMillis}, naming the metric and
   * where it looked.
   */
  Readiness metricsFlowing(EnvironmentSpec spec, long waitingSinceMillis);
}
