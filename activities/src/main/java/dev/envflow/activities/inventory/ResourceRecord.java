package dev.envflow.activities.inventory;

import dev.envflow.workflows.model.Resource;
import java.time.Instant;
import java.util.Optional;

/** A resource of an environment with its lifecycle: {@code deletedAt} is set only when {@code state} is DELETED. */
public record ResourceRecord(
    String environmentId, Resource resource, ResourceState state, Instant createdAt, Optional<Instant> deletedAt) {}
