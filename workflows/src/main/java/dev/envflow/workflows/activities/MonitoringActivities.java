package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;

/** An environment's monitoring: notification contact points, the seed's three dashboards and three alert rules. */
@ActivityInterface
public interface MonitoringActivities {

  /** Creates (or replaces its own) contact points for the spec's emails and Slack webhook. Idempotent. */
  Resource createContactPoints(EnvironmentSpec spec);

  /** Creates (or replaces its own) latency, throughput and error dashboards using the spec's metric prefix. Idempotent. */
  Resource createDashboards(EnvironmentSpec spec);

  /** Creates (or replaces its own) the high latency, error rate and queue backup alert rules. Idempotent. */
  Resource createAlertRules(EnvironmentSpec spec);

  /** Deletes one monitoring resource created above. Deleting what is already gone succeeds. */
  void deleteMonitoringResource(Resource resource);
}
