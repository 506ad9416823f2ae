package dev.envflow.activities.redis.rediscloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderHttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Redis Cloud's REST API v1 as envflow uses it, for both families: subscriptions, their databases, Essentials
 * plans, payment methods and tasks. Authenticated with the {@code x-api-key} / {@code x-api-secret-key} headers;
 * failures come classified from {@link ProviderHttpClient} (Redis Cloud's {@code error.description} kept).
 */
final class RedisCloudClient {

  private static final int PAGE = 100;
  private static final int MAX_PAGES = 100;

  private final ProviderHttpClient http;

  RedisCloudClient(ProviderHttpClient http) {
    this.http = http;
  }

  static RedisCloudClient connect(String baseUrl, String accessKey, String secretKey) {
    return new RedisCloudClient(new ProviderHttpClient(RedisCloudProvider.NAME, baseUrl, request -> request
        .header("x-api-key", accessKey)
        .header("x-api-secret-key", secretKey)));
  }

  List<RedisCloudSubscription> subscriptions(RedisCloudFamily family, String forName) {
    JsonNode answer = http.get(call("list " + family.label() + " subscriptions to find", forName),
        family.subscriptionsPath());
    List<RedisCloudSubscription> subscriptions = new ArrayList<>();
    answer.path("subscriptions").forEach(node -> subscriptions.add(RedisCloudSubscription.from(family, node)));
    return subscriptions;
  }

  /** The oldest subscription named {@code name} (names are not unique at Redis Cloud). */
  Optional<RedisCloudSubscription> subscriptionNamed(RedisCloudFamily family, String name) {
    return subscriptions(family, name).stream().filter(s -> name.equals(s.name()))
        .min((a, b) -> Long.compare(a.id(), b.id()));
  }

  Optional<RedisCloudSubscription> subscription(RedisCloudFamily family, long id, String name) {
    return http.find(call("get " + family.label() + " subscription", name), family.subscriptionPath(id))
        .map(node -> RedisCloudSubscription.from(family, node));
  }

  RedisCloudTask createSubscription(RedisCloudFamily family, Object body, String name) {
    return task(http.post(call("create " + family.label() + " subscription", name), family.subscriptionsPath(), body));
  }

  /** The deletion's task; empty when Redis Cloud no longer has the subscription. */
  Optional<RedisCloudTask> deleteSubscription(RedisCloudFamily family, long id, String name) {
    return http.send(call("delete " + family.label() + " subscription", name), "DELETE", family.subscriptionPath(id),
        null).map(RedisCloudClient::task);
  }

  /** Every database of the subscription, page by page until an empty page (or a 404) ends the list. */
  List<RedisCloudDatabase> databases(RedisCloudFamily family, long subscriptionId, String name) {
    List<RedisCloudDatabase> databases = new ArrayList<>();
    for (int page = 0; page < MAX_PAGES; page++) {
      Optional<JsonNode> answer = http.find(call("list databases of subscription", name),
          family.databasesPath(subscriptionId) + "?limit=" + PAGE + "&offset=" + page * PAGE);
      List<RedisCloudDatabase> found = new ArrayList<>();
      answer.ifPresent(json -> {
        JsonNode subscriptions = json.path("subscription");
        for (JsonNode subscription : subscriptions.isArray() ? subscriptions : List.of(subscriptions)) {
          subscription.path("databases").forEach(node -> found.add(RedisCloudDatabase.from(node)));
        }
      });
      databases.addAll(found);
      if (found.size() < PAGE) {
        break;
      }
    }
    return databases;
  }

  Optional<RedisCloudDatabase> database(RedisCloudFamily family, long subscriptionId, long databaseId, String name) {
    return http.find(call("get database", name), family.databasePath(subscriptionId, databaseId))
        .map(RedisCloudDatabase::from);
  }

  RedisCloudTask createDatabase(RedisCloudFamily family, long subscriptionId, Object body, String name) {
    return task(http.post(call("create database", name), family.databasesPath(subscriptionId), body));
  }

  /** The deletion's task; empty when Redis Cloud no longer has the database. */
  Optional<RedisCloudTask> deleteDatabase(RedisCloudFamily family, long subscriptionId, long databaseId, String name) {
    return http.send(call("delete database", name), "DELETE", family.databasePath(subscriptionId, databaseId), null)
        .map(RedisCloudClient::task);
  }

  /** The Essentials plans on AWS ({@code GET /fixed/plans?provider=AWS}). */
  List<JsonNode> essentialsPlans(String name) {
    List<JsonNode> plans = new ArrayList<>();
    http.get(call("list Essentials plans for", name), "/fixed/plans?provider=AWS").path("plans").forEach(plans::add);
    return plans;
  }

  /** The ids of the account's payment methods. */
  List<Long> paymentMethods(String name) {
    List<Long> ids = new ArrayList<>();
    http.get(call("list payment methods for", name), "/payment-methods").path("paymentMethods")
        .forEach(method -> ids.add(method.path("id").asLong()));
    return ids;
  }

  /** The task; empty when Redis Cloud does not know it (yet: a first 404 right after a mutation is normal). */
  Optional<RedisCloudTask> task(String taskId, ProviderCall call) {
    return http.find(call, "/tasks/" + taskId).map(RedisCloudTask::from);
  }

  static ProviderCall call(String operation, String name) {
    return ProviderCall.of(RedisCloudProvider.NAME, operation, name);
  }

  private static RedisCloudTask task(JsonNode answer) {
    RedisCloudTask task = RedisCloudTask.from(answer);
    if (task.id() == null) {
      throw ProviderFailures.retryable(RedisCloudProvider.NAME + ": a mutation answered without a taskId", null);
    }
    return task;
  }
}
