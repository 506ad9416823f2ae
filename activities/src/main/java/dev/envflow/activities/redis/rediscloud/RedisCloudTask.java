package dev.envflow.activities.redis.rediscloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A Redis Cloud task: what every mutation returns, polled at {@code GET /tasks/{taskId}} until
 * {@code processing-completed} ({@code response.resourceId} is then the new resource's id).
 */
record RedisCloudTask(String id, String status, String description, OptionalLong resourceId, String error) {

  static final String COMPLETED = "processing-completed";
  private static final Set<String> PROCESSING = Set.of("initialized", "received", "processing-in-progress");

  static RedisCloudTask from(JsonNode json) {
    JsonNode response = json.path("response");
    JsonNode resourceId = response.path("resourceId");
    JsonNode error = response.path("error");
    String errorText = error.isMissingNode() || error.isNull() ? null
        : error.path("status").asText("") + " " + error.path("type").asText("") + ": " + error.path("description").asText("");
    return new RedisCloudTask(json.path("taskId").asText(null), json.path("status").asText(""),
        json.path("description").asText(""),
        resourceId.canConvertToLong() ? OptionalLong.of(resourceId.asLong()) : OptionalLong.empty(),
        errorText == null ? null : errorText.trim());
  }

  boolean processing() {
    return PROCESSING.contains(status);
  }

  boolean completed() {
    return COMPLETED.equals(status);
  }
}
