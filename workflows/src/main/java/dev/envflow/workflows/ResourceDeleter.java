package dev.envflow.workflows;

import dev.envflow.workflows.model.Resource;

/** Deletes any kind of resource with the right activity: shared by rollback and teardown. */
final class ResourceDeleter {

  private final ProvisioningStubs stubs;

  ResourceDeleter(ProvisioningStubs stubs) {
    this.stubs = stubs;
  }

  void delete(String environmentId, Resource resource) {
    switch (resource.resourceKind()) {
      case REDIS_USER -> stubs.redisDelete.deleteRedisUser(resource);
      case POSTGRES_DATABASE -> stubs.postgresDelete.deleteDatabase(resource);
      case CONTACT_POINTS, DASHBOARDS, ALERT_RULES -> stubs.monitoringDelete.deleteMonitoringResource(resource);
      case SECRETS -> stubs.paasDelete.deleteSecrets(resource);
    }
    stubs.inventory.recordResourceDeleted(environmentId, resource);
  }
}
