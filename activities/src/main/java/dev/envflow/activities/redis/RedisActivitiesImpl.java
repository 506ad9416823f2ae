package dev.envflow.activities.redis;

import dev.envflow.activities.cloud.ProviderRegistry;
import dev.envflow.activities.cloud.ShortReadinessWait;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.activities.RedisActivities;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.List;

/** The Redis activities: each call goes to the provider the spec (or the resource) names. */
public final class RedisActivitiesImpl implements RedisActivities {

  private final ProviderRegistry<RedisProvider> providers;
  private final ShortReadinessWait shortWait;

  /** Each readiness call is one look. */
  public RedisActivitiesImpl(List<RedisProvider> providers) {
    this(providers, ShortReadinessWait.NONE);
  }

  public RedisActivitiesImpl(List<RedisProvider> providers, ShortReadinessWait shortWait) {
    this.providers = new ProviderRegistry<>("redis", providers, RedisProvider::name);
    this.shortWait = shortWait;
  }

  @Override
  public Resource createRedisUser(EnvironmentSpec spec) {
    return providers.get(spec.redis().provider()).create(spec);
  }

  @Override
  public Readiness redisReadiness(Resource user, long waitingSinceMillis) {
    return shortWait.look(() -> providers.get(user.provider()).readiness(user, waitingSinceMillis));
  }

  @Override
  public CheckReport validateRedis(Resource user) {
    return providers.get(user.provider()).validate(user);
  }

  @Override
  public void deleteRedisUser(Resource user) {
    providers.get(user.provider()).delete(user);
  }

  /** What the orphan sweep may ask each of these providers. */
  public List<OrphanFinder> orphanFinders() {
    return providers.all().stream().map(RedisProvider::orphanFinder).toList();
  }
}
