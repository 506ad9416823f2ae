package dev.envflow.activities.redis.rediscloud;

import java.time.Duration;

/**
 * How envflow waits on Redis Cloud's tasks inside one activity call: pauses growing from {@code firstPause} to
 * {@code maxPause} (the official client uses 1 s to 30 s), and how long each kind of call may wait before it
 * hands the rest of the wait to the workflow (readiness polls on durable timers) or to Temporal's retries.
 * The budgets stay below the activities' start-to-close timeouts (create and delete 5 min, readiness 1 min).
 */
record RedisCloudPacing(Duration firstPause, Duration maxPause, Duration createBudget, Duration readinessBudget,
    Duration deleteBudget) {

  static final RedisCloudPacing DEFAULT = new RedisCloudPacing(Duration.ofSeconds(1), Duration.ofSeconds(10),
      Duration.ofMinutes(3), Duration.ofSeconds(30), Duration.ofMinutes(3));
}
