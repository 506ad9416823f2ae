package dev.envflow.workflows;

import dev.envflow.workflows.activities.InventoryActivities;
import dev.envflow.workflows.model.Resource;
import java.util.List;

/** Deletes any kind of resource with the right activity: shared by rollback and teardown. */
final class ResourceDeleter {

  private final ProvisioningStubs stubs;
  private final InventoryActivities inventory;

  /** {@code inventory}: where deletions are recorded (a local-activity stub in newer provisioning workflows). */
  ResourceDeleter(ProvisioningStubs stubs, InventoryActivities inventory) {
    this.stubs = stubs;
    this.inventory = inventory;
  }

  /** Deletes the resource and records it deleted; returns what could not be undone, in words (usually nothing). */
  List<String> delete(String environmentId, Resource resource) {
    List<String> leftBehind = List.of();
    switch (resource.resourceKind()) {
      case REDIS_USER -> stubs.redisDelete.deleteRedisUser(resource);
      case POSTGRES_DATABASE -> stubs.postgresDelete.deleteDatabase(resource);
      case CONTACT_POINTS, DASHBOARDS, ALERT_RULES -> stubs.monitoringDelete.deleteMonitoringResource(resource);
      case SECRETS -> {
        List<String> notes = stubs.paasDelete.deleteSecrets(resource);
        leftBehind = notes == null ? List.of() : notes;
      }
    }
    inventory.recordResourceDeleted(environmentId, resource);
    return leftBehind;
  }
}
