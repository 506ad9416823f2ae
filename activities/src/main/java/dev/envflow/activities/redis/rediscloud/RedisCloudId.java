package dev.envflow.activities.redis.rediscloud;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * envflow's id of a Redis Cloud database: {@code {family}/{subscriptionId}/{databaseId}}, or
 * {@code {family}/{subscriptionId}} while the database does not exist yet (e.g. {@code pro/1234/56789},
 * {@code essentials/2001}). The family is part of it because Essentials and Pro live under different paths.
 */
record RedisCloudId(RedisCloudFamily family, long subscriptionId, OptionalLong databaseId) {

  static RedisCloudId of(RedisCloudFamily family, long subscriptionId) {
    return new RedisCloudId(family, subscriptionId, OptionalLong.empty());
  }

  static RedisCloudId of(RedisCloudFamily family, long subscriptionId, long databaseId) {
    return new RedisCloudId(family, subscriptionId, OptionalLong.of(databaseId));
  }

  /** The id in {@code text}, or empty when it is not one of envflow's Redis Cloud ids (e.g. a planned resource's name). */
  static Optional<RedisCloudId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] parts = text.split("/");
    try {
      if (parts.length == 2) {
        return Optional.of(of(RedisCloudFamily.fromId(parts[0]), Long.parseLong(parts[1])));
      }
      if (parts.length == 3) {
        return Optional.of(of(RedisCloudFamily.fromId(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])));
      }
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  RedisCloudId subscription() {
    return of(family, subscriptionId);
  }

  /** True when {@code other} names this subscription or a database in it. */
  boolean sameSubscription(RedisCloudId other) {
    return family == other.family && subscriptionId == other.subscriptionId;
  }

  @Override
  public String toString() {
    return family.id() + "/" + subscriptionId + (databaseId.isPresent() ? "/" + databaseId.getAsLong() : "");
  }
}
