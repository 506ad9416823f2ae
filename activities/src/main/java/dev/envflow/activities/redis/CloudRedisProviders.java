package dev.envflow.activities.redis;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.redis.flyupstash.FlyUpstashProvider;
import dev.envflow.activities.redis.rediscloud.RedisCloudProvider;
import dev.envflow.activities.redis.upstash.UpstashProvider;
import dev.envflow.activities.secrets.SecretStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The cloud Redis providers ({@code upstash}, {@code redis-cloud}, {@code fly-upstash}): those this worker can
 * serve with the variables it has, and for every one of them whether it is available and why not.
 */
public final class CloudRedisProviders {

  private CloudRedisProviders() {}

  /** The providers whose required variables are all set, TLS trusting the JVM's certificates. */
  public static List<RedisProvider> configured(ProviderVariables variables, SecretStore secrets,
      ResourceOwnership ownership, ReadinessPolicy readiness) {
    return configured(variables, secrets, ownership, readiness, RedisTls.systemDefault());
  }

  /** As {@link #configured(ProviderVariables, SecretStore, ResourceOwnership, ReadinessPolicy)}, with the given TLS trust (tests). */
  public static List<RedisProvider> configured(ProviderVariables variables, SecretStore secrets,
      ResourceOwnership ownership, ReadinessPolicy readiness, RedisTls tls) {
    List<RedisProvider> providers = new ArrayList<>();
    if (UpstashProvider.availability(variables).available()) {
      providers.add(UpstashProvider.configured(variables, secrets, ownership, readiness, tls));
    }
    if (RedisCloudProvider.availability(variables).available()) {
      providers.add(RedisCloudProvider.configured(variables, secrets, ownership, readiness, tls));
    }
    if (FlyUpstashProvider.availability(variables).available()) {
      providers.add(FlyUpstashProvider.configured(variables, secrets, ownership, readiness, tls));
    }
    return List.copyOf(providers);
  }

  /** Every cloud Redis provider, available or not, naming the missing variables; {@code fly-upstash} is beta. */
  public static List<ProviderAvailability> availability(ProviderVariables variables) {
    return List.of(UpstashProvider.availability(variables), RedisCloudProvider.availability(variables),
        FlyUpstashProvider.availability(variables));
  }
}
