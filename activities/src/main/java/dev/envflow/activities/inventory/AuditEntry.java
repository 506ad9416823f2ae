package dev.envflow.activities.inventory;

import java.time.Instant;

/** One line of an environment's append-only audit log, e.g. {@code approved by ana: staging green}. */
public record AuditEntry(long id, String environmentId, String action, String actor, String reason, Instant at) {}
