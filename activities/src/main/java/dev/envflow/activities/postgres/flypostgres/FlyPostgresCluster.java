package dev.envflow.activities.postgres.flypostgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.postgres.CloudPostgres;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A Managed Postgres cluster as fly-go's {@code ManagedPostgresCluster} (get, create) and
 * {@code ManagedPostgresClusterSummary} (list) describe it; endpoints only in the former, and only once Fly has
 * published them.
 */
record FlyPostgresCluster(String id, String name, String status, Optional<Instant> createdAt, boolean gone,
    Optional<Endpoint> direct, Optional<Endpoint> pooler) {

  static final String READY = "ready";
  /** Terminal failures: fly-go documents {@code failed}; the service also reports {@code error}. */
  static final Set<String> FAILED = Set.of("failed", "error");
  private static final Set<String> GOING_AWAY = Set.of("deleting", "destroying");
  private static final Set<String> GONE = Set.of("deleted", "destroyed");

  record Endpoint(String host, int port) {

    static Optional<Endpoint> from(JsonNode json) {
      String host = json.path("host").asText("");
      int port = json.path("port").asInt(0);
      return host.isBlank() || port == 0 ? Optional.empty() : Optional.of(new Endpoint(host, port));
    }
  }

  static FlyPostgresCluster from(JsonNode json) {
    JsonNode primary = json.path("endpoints").path("primary");
    String status = json.path("status").asText("");
    String deletedAt = json.path("deleted_at").asText("");
    return new FlyPostgresCluster(json.path("id").asText(), json.path("name").asText(), status,
        CloudPostgres.instant(json.path("created_at").asText(null)), !deletedAt.isBlank() || GONE.contains(status),
        Endpoint.from(primary.path("direct")), Endpoint.from(primary.path("pooler")));
  }

  /** Being deleted, or deleted but still shown: not to be adopted, and not someone else's either. */
  boolean deleted() {
    return gone || GOING_AWAY.contains(status);
  }

  String describe() {
    return "Fly Managed Postgres cluster " + name + " (" + id + ")";
  }
}
