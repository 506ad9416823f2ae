package dev.envflow.activities.postgres.neon;

import com.fasterxml.jackson.databind.JsonNode;

/** A branch of a Neon project ({@code Branch}). */
record NeonBranch(String id, String name, boolean isDefault) {

  static NeonBranch from(JsonNode json) {
    return new NeonBranch(json.path("id").asText(), json.path("name").asText(), json.path("default").asBoolean());
  }
}
