package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;

/**
 * An environment's Redis, from the provider the spec names: for {@code local}, a user restricted to the
 * environment's key and channel prefix {@code {app}-{environment}:}; for a cloud provider, a database named
 * {@code {app}-{environment}}. The implementation dispatches on the spec's (or the resource's) provider.
 */
@ActivityInterface
public interface RedisActivities {

  /**
   * Creates the environment's Redis user, or adopts it when envflow created it before (the name is the
   * idempotency key). Its credentials go to the worker's secret store, never into the result. A user of
   * that name that envflow does not own is a non-retryable CONFLICT.
   */
  Resource createRedisUser(EnvironmentSpec spec);

  /**
   * One look at whether the Redis created above is ready to use; not ready means look again after
   * {@link Readiness#pollAfterMillis()}. Past the worker's readiness deadline (counted from
   * {@code waitingSinceMillis}) it fails with a non-retryable PROVIDER_UNAVAILABLE.
   */
  Readiness redisReadiness(Resource user, long waitingSinceMillis);

  /** Runs the seed's Redis checks with the user's own credentials: PING, SET/GET, SETEX + TTL, PUBLISH/SUBSCRIBE. */
  CheckReport validateRedis(Resource user);

  /** Deletes the user and every key under its prefix. Deleting what is already gone succeeds. */
  void deleteRedisUser(Resource user);
}
