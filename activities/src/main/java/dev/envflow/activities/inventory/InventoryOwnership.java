package dev.envflow.activities.inventory;

import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.workflows.model.ResourceKind;
import java.time.Instant;
import java.util.Optional;

/** {@link ResourceOwnership} from envflow's inventory: the row the workflow writes before each create. */
public final class InventoryOwnership implements ResourceOwnership {

  private final Inventory inventory;

  public InventoryOwnership(Inventory inventory) {
    this.inventory = inventory;
  }

  @Override
  public boolean owns(String environmentId, ResourceKind kind, String name, String externalId,
      Optional<Instant> createdAt) {
    Optional<ResourceRecord> found = inventory.findResource(environmentId, kind.name(), name);
    if (found.isEmpty() || found.get().state() != ResourceState.LIVE) {
      return false;
    }
    ResourceRecord record = found.get();
    String claimed = record.resource().externalId();
    if (externalId.equals(claimed)) {
      return true;
    }
    boolean unclaimed = claimed == null || claimed.equals(name);
    return unclaimed && createdAt.map(at -> !at.isBefore(record.createdAt().minus(CLOCK_SKEW))).orElse(true);
  }

  @Override
  public void claim(String environmentId, ResourceKind kind, String name, String externalId) {
    inventory.recordExternalId(environmentId, kind.name(), name, externalId);
  }
}
