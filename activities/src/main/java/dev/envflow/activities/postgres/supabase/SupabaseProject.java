package dev.envflow.activities.postgres.supabase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.postgres.CloudPostgres;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A Supabase project as {@code V1ProjectResponse} / {@code V1ProjectWithDatabaseResponse} describe it; the
 * database host is only in the latter (get and list).
 */
record SupabaseProject(String ref, String name, String organizationSlug, String status, Optional<Instant> createdAt,
    Optional<String> databaseHost) {

  static final String ACTIVE_HEALTHY = "ACTIVE_HEALTHY";
  static final String GOING_DOWN = "GOING_DOWN";
  static final String REMOVED = "REMOVED";
  /** States a project does not leave on its own: waiting for it to become ready is pointless. */
  static final Set<String> FAILED = Set.of("INIT_FAILED", REMOVED, GOING_DOWN, "RESTORE_FAILED", "PAUSE_FAILED",
      "INACTIVE", "PAUSING");

  static SupabaseProject from(JsonNode json) {
    JsonNode host = json.path("database").path("host");
    return new SupabaseProject(json.path("ref").asText(json.path("id").asText()), json.path("name").asText(),
        json.path("organization_slug").asText(), json.path("status").asText("UNKNOWN"),
        CloudPostgres.instant(json.path("created_at").asText(null)),
        host.isTextual() && !host.asText().isBlank() ? Optional.of(host.asText()) : Optional.empty());
  }

  /** Being deleted or deleted: neither ours to adopt nor someone else's to conflict with. */
  boolean goingAway() {
    return GOING_DOWN.equals(status) || REMOVED.equals(status);
  }

  String describe() {
    return "Supabase project " + name + " (ref " + ref + ")";
  }
}
