package dev.envflow.activities.postgres.neon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.postgres.CloudPostgres;
import java.time.Instant;
import java.util.Optional;

/** A Neon project as {@code ProjectListItem} / {@code Project} describe it. */
record NeonProject(String id, String name, Optional<Instant> createdAt) {

  static NeonProject from(JsonNode json) {
    return new NeonProject(json.path("id").asText(), json.path("name").asText(),
        CloudPostgres.instant(json.path("created_at").asText(null)));
  }
}
