package dev.envflow.activities.redis.rediscloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.postgres.StrongPasswords;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.Optional;

/**
 * The database envflow is going to create in a new subscription, kept in the worker's secret store from the
 * create until the database is active: its generated password (a secret, so it belongs there), the spec's
 * settings the readiness step needs to create the database once the subscription is active (readiness gets
 * only the resource), and the ids of the tasks in flight, so that a retried or resumed call on any worker
 * polls the same task instead of creating a second subscription or database. {@link #toString()} never shows
 * the password.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RedisCloudPending(String family, String plan, String password, String evictionPolicy, boolean tls,
    String subscriptionTask, String databaseTask) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KIND = "REDIS_CLOUD_PENDING";

  static RedisCloudPending forSpec(EnvironmentSpec spec, RedisCloudPlan plan) {
    String eviction = spec.redis().evictionPolicy() == null ? "allkeys-lru" : spec.redis().evictionPolicy();
    return new RedisCloudPending(plan.family().id(), plan.name(), StrongPasswords.generate(), eviction,
        spec.redis().tls(), null, null);
  }

  RedisCloudPlan cloudPlan() {
    return RedisCloudPlan.parse(plan);
  }

  RedisCloudPending withSubscriptionTask(String taskId) {
    return new RedisCloudPending(family, plan, password, evictionPolicy, tls, taskId, databaseTask);
  }

  RedisCloudPending withDatabaseTask(String taskId) {
    return new RedisCloudPending(family, plan, password, evictionPolicy, tls, subscriptionTask, taskId);
  }

  static Optional<RedisCloudPending> load(SecretStore secrets, String name) {
    return secrets.get(SecretStore.key(KIND, name)).map(text -> {
      try {
        return JSON.readValue(text, RedisCloudPending.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(RedisCloudProvider.NAME + ": the pending database of " + name
            + " in the secret store is unreadable");
      }
    });
  }

  void save(SecretStore secrets, String name) {
    try {
      secrets.put(SecretStore.key(KIND, name), JSON.writeValueAsString(this));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void forget(SecretStore secrets, String name) {
    secrets.delete(SecretStore.key(KIND, name));
  }

  @Override
  public String toString() {
    return "RedisCloudPending[family=" + family + ", plan=" + plan + ", password=***, evictionPolicy="
        + evictionPolicy + ", tls=" + tls + ", subscriptionTask=" + subscriptionTask + ", databaseTask="
        + databaseTask + "]";
  }
}
