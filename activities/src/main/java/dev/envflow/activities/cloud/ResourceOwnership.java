package dev.envflow.activities.cloud;

import dev.envflow.workflows.model.ResourceKind;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a provider's resource found by the deterministic name is this environment's, from
 * envflow's inventory: the workflow records each resource before it creates it, and the provider claims the
 * provider's id right after the create. So a same-named resource is ours when its id is the one claimed, or
 * when nothing was claimed yet and it was made after our record (a crash between the provider's create and
 * the claim); anything else is someone else's.
 */
public interface ResourceOwnership {

  /** Clock difference tolerated between the provider's creation time and envflow's record. */
  java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(2);

  /**
   * @param createdAt when the provider says the resource was created, when it says so
   */
  boolean owns(String environmentId, ResourceKind kind, String name, String externalId, Optional<Instant> createdAt);

  /** Records the provider's id for the resource, right after creating it. */
  void claim(String environmentId, ResourceKind kind, String name, String externalId);
}
