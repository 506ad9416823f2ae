package dev.envflow.activities.redis.rediscloud;

import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.redis.CloudRedisConnections;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes an environment's Redis Cloud database and then its subscription, each through its task, and waits
 * until Redis Cloud no longer lists them; past {@link RedisCloudPacing#deleteBudget} it fails retryably, so
 * Temporal's retries carry on the wait (a second attempt finds what is already deleting and waits on it).
 */
final class RedisCloudDeletion {

  private static final Logger log = LoggerFactory.getLogger(RedisCloudDeletion.class);

  private final RedisCloudClient client;
  private final RedisCloudTasks tasks;
  private final RedisCloudPacing pacing;
  private final RedisCloudOwnership owned;
  private final Consumer<String> forget;

  /** @param forget drops what the worker keeps for a database name (its connection, its pending request) */
  RedisCloudDeletion(RedisCloudClient client, RedisCloudTasks tasks, RedisCloudPacing pacing,
      RedisCloudOwnership owned, Consumer<String> forget) {
    this.client = client;
    this.tasks = tasks;
    this.pacing = pacing;
    this.owned = owned;
    this.forget = forget;
  }

  /**
   * Deletes this environment's database and then its subscription, each through its task, until Redis Cloud no
   * longer has them. A planned resource (a create that may have crashed) is found by name in both families; a
   * same-named subscription envflow does not own is left untouched.
   */
  void delete(Resource resource) {
    String name = resource.name();
    Optional<RedisCloudId> given = RedisCloudId.parse(resource.externalId());
    Optional<RedisCloudSubscription> found = given.isPresent()
        ? client.subscription(given.get().family(), given.get().subscriptionId(), name)
        : client.subscriptionNamed(RedisCloudFamily.ESSENTIALS, name)
            .or(() -> client.subscriptionNamed(RedisCloudFamily.PRO, name));
    if (found.isEmpty()) {
      forget.accept(name);
      return;
    }
    RedisCloudSubscription subscription = found.get();
    RedisCloudFamily family = subscription.family();
    List<RedisCloudDatabase> all = client.databases(family, subscription.id(), name);
    if (!owned.owns(CloudRedisConnections.environmentId(name), name, subscription, all, given)) {
      if (given.isPresent()) {
        throw ProviderFailures.conflict(RedisCloudProvider.NAME, "the " + family.label() + " subscription " + name + " ("
            + subscription.id() + ")");
      }
      log.warn("Redis Cloud subscription {} ({}) was not created by envflow for this environment; left untouched",
          name, subscription.id());
      return;
    }
    Instant deadline = Instant.now().plus(pacing.deleteBudget());
    for (RedisCloudDatabase database : RedisCloudProvider.named(all, name)) {
      deleting(() -> client.deleteDatabase(family, subscription.id(), database.id(), name), "delete database", name,
          deadline);
    }
    waitUntil(() -> RedisCloudProvider.named(client.databases(family, subscription.id(), name), name).isEmpty(), deadline,
        "delete database " + name);
    List<RedisCloudDatabase> others = client.databases(family, subscription.id(), name);
    if (!others.isEmpty()) {
      throw ProviderFailures.nonRetryable(FailureType.CONFLICT, RedisCloudProvider.NAME + ": the " + family.label() + " subscription "
          + name + " (" + subscription.id() + ") also holds databases envflow did not create (" + String.join(", ",
          others.stream().map(RedisCloudDatabase::name).toList()) + "); envflow deleted its own database and leaves"
          + " the subscription to whoever made them");
    }
    if (!RedisCloudSubscription.DELETING.equals(subscription.status())) {
      deleting(() -> client.deleteSubscription(family, subscription.id(), name),
          "delete " + family.label() + " subscription", name, deadline);
    }
    waitUntil(() -> client.subscription(family, subscription.id(), name).isEmpty(), deadline,
        "delete " + family.label() + " subscription " + name);
    forget.accept(name);
    log.info("Redis Cloud {} subscription {} ({}) and its database deleted", family.label(), name, subscription.id());
  }

  /** Sends a DELETE and waits for its task; a 409 means a deletion is already under way, which the wait covers. */
  private void deleting(Supplier<Optional<RedisCloudTask>> delete, String operation, String name,
      Instant deadline) {
    Optional<RedisCloudTask> task;
    try {
      task = delete.get();
    } catch (ApplicationFailure failure) {
      if (!FailureType.CONFLICT.name().equals(failure.getType())) {
        throw failure;
      }
      return;
    }
    if (task.isPresent()) {
      Duration left = Duration.between(Instant.now(), deadline);
      RedisCloudTask done = tasks.await(task.get().id(), RedisCloudClient.call(operation, name),
          left.isNegative() ? Duration.ZERO : left);
      if (!done.completed()) {
        throw ProviderFailures.retryable(RedisCloudProvider.NAME + ": " + operation + " " + name + ": task " + done.id() + " is still "
            + done.status(), null);
      }
    }
  }

  private void waitUntil(BooleanSupplier gone, Instant deadline, String what) {
    Duration pause = pacing.firstPause();
    while (!gone.getAsBoolean()) {
      if (Instant.now().plus(pause).isAfter(deadline)) {
        throw ProviderFailures.retryable(RedisCloudProvider.NAME + ": " + what + ": still there; waiting on", null);
      }
      RedisCloudTasks.sleep(pause);
      pause = pause.multipliedBy(2).compareTo(pacing.maxPause()) > 0 ? pacing.maxPause() : pause.multipliedBy(2);
    }
  }
}
