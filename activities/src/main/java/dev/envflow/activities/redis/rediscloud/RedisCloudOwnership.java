package dev.envflow.activities.redis.rediscloud;

import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.workflows.model.ResourceKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a Redis Cloud subscription found by the environment's name is the environment's, from envflow's
 * inventory: envflow claims {@code {family}/{subscriptionId}} once the subscription's task completes and
 * {@code {family}/{subscriptionId}/{databaseId}} once the database's does.
 */
final class RedisCloudOwnership {

  private final ResourceOwnership ownership;

  RedisCloudOwnership(ResourceOwnership ownership) {
    this.ownership = ownership;
  }

  /**
   * Ours when the inventory says so for the subscription's id or for the id of a database of ours in it. A Pro
   * subscription has no creation date, so the oldest activation of its databases stands in for it.
   */
  boolean owns(String environmentId, String name, RedisCloudSubscription subscription,
      List<RedisCloudDatabase> databases, Optional<RedisCloudId> given) {
    Optional<Instant> created = subscription.createdAt().or(() -> databases.stream()
        .flatMap(database -> database.activatedOn().stream()).min(Comparator.naturalOrder()));
    if (ownership.owns(environmentId, ResourceKind.REDIS_USER, name, subscription.cloudId().toString(), created)) {
      return true;
    }
    for (RedisCloudDatabase database : RedisCloudProvider.named(databases, name)) {
      RedisCloudId id = RedisCloudId.of(subscription.family(), subscription.id(), database.id());
      if (ownership.owns(environmentId, ResourceKind.REDIS_USER, name, id.toString(), database.activatedOn())) {
        return true;
      }
    }
    return given.filter(id -> id.sameSubscription(subscription.cloudId()))
        .map(id -> ownership.owns(environmentId, ResourceKind.REDIS_USER, name, id.toString(), created))
        .orElse(false);
  }
}
