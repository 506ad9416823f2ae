package dev.envflow.activities.redis.upstash;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderHttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.Credentials;

/**
 * Upstash's Developer API for Redis databases ({@code /v2/redis/...}), authenticated with HTTP Basic (account
 * email and API key). Failures come classified from {@link ProviderHttpClient}.
 */
final class UpstashClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProviderHttpClient http;

  UpstashClient(ProviderHttpClient http) {
    this.http = http;
  }

  static UpstashClient connect(String baseUrl, String email, String apiKey) {
    String authorization = Credentials.basic(email, apiKey);
    return new UpstashClient(new ProviderHttpClient(UpstashProvider.NAME, baseUrl,
        request -> request.header("Authorization", authorization)));
  }

  /** Every database of the account ({@code GET /v2/redis/databases}; the API does not paginate it). */
  List<UpstashDatabase> list(String forName) {
    JsonNode answer = http.get(call("list databases to find", forName), "/v2/redis/databases");
    List<UpstashDatabase> databases = new ArrayList<>();
    if (answer.isArray()) {
      answer.forEach(node -> databases.add(read(node)));
    }
    return databases;
  }

  /** The database named {@code name}; names are not unique at Upstash, so the oldest one wins. */
  Optional<UpstashDatabase> findByName(String name) {
    return list(name).stream().filter(database -> name.equals(database.name()))
        .min((a, b) -> Long.compare(a.creationTime() == null ? 0 : a.creationTime(),
            b.creationTime() == null ? 0 : b.creationTime()));
  }

  /** The database with its credentials; empty when Upstash answers 404. */
  Optional<UpstashDatabase> find(String id, String name) {
    return http.find(call("get database", name), "/v2/redis/database/" + id).map(UpstashClient::read);
  }

  UpstashDatabase create(UpstashCreateRequest request) {
    return read(http.post(call("create database", request.databaseName()), "/v2/redis/database", request));
  }

  /** True when it was deleted now, false when Upstash no longer had it. */
  boolean delete(String id, String name) {
    return http.delete(call("delete database", name), "/v2/redis/database/" + id);
  }

  private static ProviderCall call(String operation, String name) {
    return ProviderCall.of(UpstashProvider.NAME, operation, name);
  }

  private static UpstashDatabase read(JsonNode node) {
    try {
      return JSON.treeToValue(node, UpstashDatabase.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(UpstashProvider.NAME + ": unreadable database in the answer: "
          + e.getOriginalMessage());
    }
  }
}
