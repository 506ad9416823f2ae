package dev.envflow.activities.redis.rediscloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.redis.RedisCredentials;
import java.time.Instant;
import java.util.Optional;

/**
 * A Redis Cloud database (the fields envflow uses). The application connects as user {@code default} with
 * {@code security.password} to {@code publicEndpoint} ({@code host:port}, split on the last colon), over TLS
 * when {@code security.enableTls}. {@link #toString()} never shows the password.
 */
record RedisCloudDatabase(long id, String name, String status, String publicEndpoint, String password, boolean tls,
    Optional<Instant> activatedOn) {

  static final String ACTIVE = "active";
  static final String ERROR = "error";

  static RedisCloudDatabase from(JsonNode json) {
    JsonNode security = json.path("security");
    return new RedisCloudDatabase(json.path("databaseId").asLong(), json.path("name").asText(""),
        json.path("status").asText(""), json.path("publicEndpoint").asText(null),
        security.path("password").asText(null), security.path("enableTls").asBoolean(false),
        RedisCloudSubscription.instant(json.path("activatedOn")));
  }

  /** The application's login; empty until the database has an endpoint and a password. */
  Optional<RedisCredentials> credentials() {
    if (publicEndpoint == null || password == null || publicEndpoint.lastIndexOf(':') <= 0) {
      return Optional.empty();
    }
    int colon = publicEndpoint.lastIndexOf(':');
    try {
      int port = Integer.parseInt(publicEndpoint.substring(colon + 1));
      return Optional.of(new RedisCredentials("default", password, publicEndpoint.substring(0, colon), port, tls));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  Optional<String> location() {
    return credentials().map(RedisCredentials::location);
  }

  @Override
  public String toString() {
    return "RedisCloudDatabase[id=" + id + ", name=" + name + ", status=" + status + ", publicEndpoint="
        + publicEndpoint + ", tls=" + tls + ", password=***]";
  }
}
