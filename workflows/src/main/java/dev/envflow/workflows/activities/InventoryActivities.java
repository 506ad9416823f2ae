package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * envflow's own record of environments, their resources and an append-only audit log, kept in its
 * PostgreSQL because environments outlive Temporal's history retention. Every write is idempotent.
 */
@ActivityInterface
public interface InventoryActivities {

  /** Records (or updates) the environment with its spec and phase. */
  void recordEnvironment(EnvironmentSpec spec, Phase phase);

  void recordPhase(String environmentId, Phase phase);

  /** Records a resource as live (the kind and name are the key). */
  void recordResource(String environmentId, Resource resource);

  /** Marks a resource deleted, keeping its row. */
  void recordResourceDeleted(String environmentId, Resource resource);

  /** Appends to the audit log: {@code action} is e.g. requested, approved, rejected, rolled_back, torn_down. */
  void recordAudit(String environmentId, String action, String actor, String reason);

  /** The environment's live resources, newest first. */
  List<Resource> liveResources(String environmentId);
}
