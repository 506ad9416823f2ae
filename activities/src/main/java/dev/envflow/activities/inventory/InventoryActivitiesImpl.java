package dev.envflow.activities.inventory;

import dev.envflow.workflows.activities.InventoryActivities;
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

  @Override
  public void recordAudit(String environmentId, String action, String actor, String reason) {
    inventory.recordAudit(environmentId, action, actor, reason);
  }

  @Override
  public List<Resource> liveResources(String environmentId) {
    return inventory.liveResources(environmentId);
  }
}
