package dev.envflow.activities.inventory;

import dev.envflow.workflows.model.Phase;
import java.time.Instant;

/** One environment as the inventory knows it (without its spec, see {@link Inventory#findSpec}). */
public record EnvironmentRecord(
    String id,
    String app,
    String environment,
    String tier,
    Phase phase,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt) {}
