package dev.envflow.activities.redis;

import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.Set;

/**
 * One way of giving an environment its Redis ({@code local}, {@code upstash}, ...). Whatever it creates, it
 * stores the connection URL the application uses under {@code SecretStore.key("REDIS_USER", name)} and
 * returns a {@link Resource} without secrets.
 */
public interface RedisProvider {

  /** The spec's provider name, e.g. {@code upstash}. */
  String name();

  /**
   * Creates the environment's Redis, or adopts the one envflow made before under the same deterministic name.
   * A same-named one that is not this environment's is a non-retryable CONFLICT, left untouched.
   */
  Resource create(EnvironmentSpec spec);

  /** One look at whether it is ready; see {@code RedisActivities.redisReadiness}. */
  Readiness readiness(Resource database, long waitingSinceMillis);

  /** The seed's Redis checks with the stored credentials. */
  CheckReport validate(Resource database);

  /** Deletes it, waiting until it is gone where the provider deletes asynchronously; already gone succeeds. */
  void delete(Resource database);

  /** What the orphan sweep may ask this provider; by default it cannot list what it holds, and the sweep says so. */
  default OrphanFinder orphanFinder() {
    return OrphanFinder.unsupported(name(), Set.of(ResourceKind.REDIS_USER),
        "the " + name() + " Redis provider cannot list what it holds");
  }
}
