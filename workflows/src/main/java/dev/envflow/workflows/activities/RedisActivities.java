package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;

/** An environment's Redis: a user restricted to the environment's key and channel prefix {@code {app}-{environment}:}. */
@ActivityInterface
public interface RedisActivities {

  /**
   * Creates the environment's Redis user, or adopts it when envflow created it before (the name is the
   * idempotency key). Its credentials go to the worker's secret store, never into the result. A user of
   * that name that envflow does not own is a non-retryable CONFLICT.
   */
  Resource createRedisUser(EnvironmentSpec spec);

  /** Runs the seed's Redis checks with the user's own credentials: PING, SET/GET, SETEX + TTL, PUBLISH/SUBSCRIBE. */
  CheckReport validateRedis(Resource user);

  /** Deletes the user and every key under its prefix. Deleting what is already gone succeeds. */
  void deleteRedisUser(Resource user);
}
