package dev.envflow.activities.redis.rediscloud;

import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.workflows.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Waits on a Redis Cloud task within one activity call, as the official client does: pauses growing from
 * {@link RedisCloudPacing#firstPause} to {@link RedisCloudPacing#maxPause}, up to {@value #MAX_NOT_FOUND}
 * 404s tolerated (the task service learns of a task shortly after the mutation returns it), rate limits and
 * outages of the task endpoint waited out. A task that ends in any state but {@code processing-completed}
 * (e.g. {@code processing-error}) fails without retrying, with the task's error description.
 */
final class RedisCloudTasks {

  static final int MAX_NOT_FOUND = 5;
  /** The status reported for a task Redis Cloud does not know yet. */
  static final String NOT_YET_KNOWN = "not yet known";

  private final RedisCloudClient client;
  private final RedisCloudPacing pacing;

  RedisCloudTasks(RedisCloudClient client, RedisCloudPacing pacing) {
    this.client = client;
    this.pacing = pacing;
  }

  /**
   * Polls the task until it completes or {@code budget} runs out; returns the last task seen, completed or
   * still processing (status {@value #NOT_YET_KNOWN} when it was never found within the budget).
   *
   * @param call what the task is for, e.g. {@code redis-cloud: create database synckairos-staging}
   */
  RedisCloudTask await(String taskId, ProviderCall call, Duration budget) {
    Instant deadline = Instant.now().plus(budget);
    Duration pause = pacing.firstPause();
    int notFound = 0;
    RedisCloudTask last = new RedisCloudTask(taskId, NOT_YET_KNOWN, "", OptionalLong.empty(), null);
    while (true) {
      Duration wait = pause;
      try {
        Optional<RedisCloudTask> task = client.task(taskId, call);
        if (task.isEmpty()) {
          if (++notFound > MAX_NOT_FOUND) {
            throw ProviderFailures.nonRetryable(FailureType.PROVIDER_UNAVAILABLE, call.describe() + ": task "
                + taskId + " is still unknown to Redis Cloud after " + notFound + " looks");
          }
        } else {
          last = task.get();
          if (last.completed()) {
            return last;
          }
          if (!last.processing()) {
            throw ProviderFailures.nonRetryable(FailureType.REQUEST_REJECTED, call.describe() + ": task " + taskId
                + " ended " + last.status() + ": " + (last.error() != null ? last.error() : last.description()));
          }
        }
      } catch (ApplicationFailure failure) {
        if (!ProviderFailures.TRANSIENT.equals(failure.getType())) {
          throw failure;
        }
        if (failure.getNextRetryDelay() != null) {
          wait = failure.getNextRetryDelay();
        }
      }
      if (Instant.now().plus(wait).isAfter(deadline)) {
        return last;
      }
      sleep(wait);
      pause = pause.multipliedBy(2).compareTo(pacing.maxPause()) > 0 ? pacing.maxPause() : pause.multipliedBy(2);
    }
  }

  /** Sleeps between two looks at Redis Cloud; an interrupted wait ends the call, to be retried. */
  static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProviderFailures.retryable(RedisCloudProvider.NAME + ": interrupted while waiting on a task", null);
    }
  }
}
