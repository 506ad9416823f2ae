package dev.envflow.activities.inventory;

import dev.envflow.workflows.activities.InventoryActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.List;

/** {@link InventoryActivities} over envflow's PostgreSQL {@link Inventory}; database errors are retried. */
public class InventoryActivitiesImpl implements InventoryActivities {

  private final Inventory inventory;

  public InventoryActivitiesImpl(Inventory inventory) {
    this.inventory = inventory;
  }

  @Override
  public void recordEnvironment(EnvironmentSpec spec, Phase phase) {
    inventory.recordEnvironment(spec, phase);
  }

  @Override
  public void recordPhase(String environmentId, Phase phase) {
    inventory.recordPhase(environmentId, phase);
  }

  @Override
  public void recordResource(String environmentId, Resource resource) {
    inventory.recordResource(environmentId, resource);
  }

  @Override
  public void recordResourceDeleted(String environmentId, Resource resource) {
    inventory.recordResourceDeleted(environmentId, resource);
  }

  /**
   * Appends the entry keyed by the calling activity (workflow id, run id, activity id — the same on every attempt and
   * on replay, for local activities too), so that a retry after a commit whose answer was lost adds no second row.
   */
  @Override
  public void recordAudit(String environmentId, String action, String actor, String reason) {
    inventory.recordAudit(environmentId, action, actor, reason, activityKey());
  }

  /** {@code workflowId/runId/activityId} of the activity running this call; null outside an activity. */
  static String activityKey() {
    ActivityInfo info;
    try {
      info = Activity.getExecutionContext().getInfo();
    } catch (IllegalStateException | NullPointerException notInAnActivity) {
      return null;
    }
    return info.getWorkflowId() + "/" + info.getRunId() + "/" + info.getActivityId();
  }

  @Override
  public List<Resource> liveResources(String environmentId) {
    return inventory.liveResources(environmentId);
  }
}
