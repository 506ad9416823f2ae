package dev.envflow.activities.redis.upstash;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.envflow.activities.redis.RedisCredentials;
import java.time.Instant;
import java.util.Optional;

/**
 * An Upstash database as the Developer API returns it (the fields envflow uses). {@link #toString()} never
 * shows the password.
 *
 * @param endpoint a host name, or a slug such as {@code beloved-stallion-58500} meaning {@code {slug}.upstash.io}
 * @param creationTime Unix seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record UpstashDatabase(
    @JsonProperty("database_id") String id,
    @JsonProperty("database_name") String name,
    @JsonProperty("state") String state,
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("port") int port,
    @JsonProperty("password") String password,
    @JsonProperty("tls") boolean tls,
    @JsonProperty("eviction") boolean eviction,
    @JsonProperty("primary_region") String primaryRegion,
    @JsonProperty("creation_time") Long creationTime) {

  static final String ACTIVE = "active";
  static final String SUSPENDED = "suspended";
  private static final String DOMAIN = ".upstash.io";

  String host() {
    return endpoint == null || endpoint.contains(".") ? endpoint : endpoint + DOMAIN;
  }

  /** {@code rediss://host:port} when the database has TLS, else {@code redis://host:port}; no credentials. */
  String location() {
    return (tls ? "rediss" : "redis") + "://" + host() + ":" + port;
  }

  /** The application's login, user {@code default}; empty when the answer carried no password. */
  Optional<RedisCredentials> credentials() {
    if (password == null || password.isBlank() || endpoint == null || port <= 0) {
      return Optional.empty();
    }
    return Optional.of(new RedisCredentials("default", password, host(), port, tls));
  }

  Optional<Instant> createdAt() {
    return Optional.ofNullable(creationTime).filter(seconds -> seconds > 0).map(Instant::ofEpochSecond);
  }

  @Override
  public String toString() {
    return "UpstashDatabase[id=" + id + ", name=" + name + ", state=" + state + ", location="
        + (endpoint == null ? "?" : location()) + ", password=***]";
  }
}
