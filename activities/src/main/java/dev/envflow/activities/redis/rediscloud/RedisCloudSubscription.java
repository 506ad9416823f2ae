package dev.envflow.activities.redis.rediscloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A Redis Cloud subscription (the fields envflow uses). Essentials subscriptions carry {@code creationDate};
 * Pro subscriptions do not.
 */
record RedisCloudSubscription(RedisCloudFamily family, long id, String name, String status, Optional<Instant> createdAt) {

  static final String ACTIVE = "active";
  static final String DELETING = "deleting";
  static final String ERROR = "error";

  static RedisCloudSubscription from(RedisCloudFamily family, JsonNode json) {
    return new RedisCloudSubscription(family, json.path("id").asLong(), json.path("name").asText(""),
        json.path("status").asText(""), instant(json.path("creationDate")));
  }

  RedisCloudId cloudId() {
    return RedisCloudId.of(family, id);
  }

  static Optional<Instant> instant(JsonNode node) {
    if (!node.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(node.asText()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
