package dev.envflow.activities.postgres.neon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** One of a project's operations ({@code Operation}): what Neon is still doing to it, or did. */
record NeonOperation(String id, String action, String status, String branchId, String endpointId, String error) {

  static final String FINISHED = "finished";
  /** Still going: the project is not ready, and Neon answers 423 to new changes meanwhile. */
  static final Set<String> PENDING = Set.of("scheduling", "running", "cancelling");
  /** Ended without doing its work. */
  static final Set<String> FAILED = Set.of("failed", "error", "cancelled");

  static NeonOperation from(JsonNode json) {
    return new NeonOperation(json.path("id").asText(), json.path("action").asText(), json.path("status").asText(),
        json.path("branch_id").asText(""), json.path("endpoint_id").asText(""), json.path("error").asText(""));
  }

  /** Operations on the same thing: a later one supersedes an earlier one (e.g. a retried start). */
  String subject() {
    return action + "|" + branchId + "|" + endpointId;
  }

  String describe() {
    return "operation " + action + " " + status + (error.isBlank() ? "" : " (" + error + ")");
  }
}
