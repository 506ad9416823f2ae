package dev.envflow.activities.postgres.flypostgres;

import static dev.envflow.activities.cloud.ProviderHttpClient.encode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderHttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The Managed Postgres calls of the Machines API envflow makes, as fly-go ({@code flaps/flaps_managed_postgres.go})
 * sends them: answers wrapped in {@code {"data": ...}}. Beta: not yet in Fly's public API reference.
 */
final class FlyPostgresApi {

  private final ProviderHttpClient http;

  FlyPostgresApi(ProviderHttpClient http) {
    this.http = http;
  }

  static ProviderHttpClient client(FlyPostgresSettings settings) {
    String authorization = FlyAuthorization.header(settings.token());
    return new ProviderHttpClient(FlyPostgresSettings.PROVIDER, settings.apiUrl(),
        request -> request.header("Authorization", authorization));
  }

  /** {@code GET /v1/postgres?org_slug=}: the organization's clusters (deleted ones are not listed). */
  List<FlyPostgresCluster> clusters(String organization, String name) {
    JsonNode answer = http.get(call("list clusters", name), "/v1/postgres?org_slug=" + encode(organization));
    return StreamSupport.stream(answer.path("data").spliterator(), false).map(FlyPostgresCluster::from).toList();
  }

  /** {@code GET /v1/postgres/{id}}; empty once it is gone. */
  Optional<FlyPostgresCluster> cluster(String id, String name) {
    return http.find(call("get cluster", describe(id, name)), "/v1/postgres/" + encode(id))
        .map(answer -> FlyPostgresCluster.from(answer.path("data")));
  }

  /** {@code POST /v1/postgres} with fly-go's {@code CreateManagedPostgresClusterRequest}. */
  FlyPostgresCluster create(String organization, String name, String region, String plan, int pgMajorVersion) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("org_slug", organization);
    body.put("name", name);
    body.put("region", region);
    body.put("plan", plan);
    body.put("pg_major_version", String.valueOf(pgMajorVersion));
    body.put("postgis_enabled", false);
    return FlyPostgresCluster.from(http.post(call("create cluster", name), "/v1/postgres", body).path("data"));
  }

  /** {@code DELETE /v1/postgres/{id}}; false when it was already gone. */
  boolean delete(String id, String name) {
    return http.delete(call("delete cluster", describe(id, name)), "/v1/postgres/" + encode(id));
  }

  /** {@code GET /v1/postgres/{id}/users/{username}/credentials}: the user's password. */
  String password(String id, String name, String user) {
    return http.get(call("get credentials of " + user + " on", describe(id, name)),
        "/v1/postgres/" + encode(id) + "/users/" + encode(user) + "/credentials").path("data").path("password").asText("");
  }

  private static String describe(String id, String name) {
    return name + " (" + id + ")";
  }

  private static ProviderCall call(String operation, String resource) {
    return ProviderCall.of(FlyPostgresSettings.PROVIDER, operation, resource);
  }
}
