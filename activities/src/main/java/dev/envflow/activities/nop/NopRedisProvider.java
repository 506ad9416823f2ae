package dev.envflow.activities.nop;

import dev.envflow.activities.redis.RedisProvider;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.NopSpec;

/**
 * The nop Redis: records a Redis user in the {@link NopLedger} and a placeholder {@code REDIS_URL} (on the
 * unresolvable {@code nop.invalid}, no password) in the secret store, so that a real PaaS provider can still be
 * given one.
 */
final class NopRedisProvider implements RedisProvider {

  private static final ResourceKind KIND = ResourceKind.REDIS_USER;

  private final NopDataResources users;

  NopRedisProvider(NopCalls calls, NopLedger ledger, SecretStore secrets) {
    this.users = new NopDataResources(calls, ledger, secrets, KIND, "redis", name -> SecretStore.key(KIND.name(), name));
  }

  @Override
  public String name() {
    return NopSpec.PROVIDER;
  }

  @Override
  public Resource create(EnvironmentSpec spec) {
    return users.create(spec, "redis://" + spec.name() + "@nop.invalid:6379");
  }

  @Override
  public Readiness readiness(Resource user, long waitingSinceMillis) {
    return users.readiness(user, "nop Redis user " + user.name(), waitingSinceMillis);
  }

  @Override
  public CheckReport validate(Resource user) {
    return users.validate(user);
  }

  @Override
  public void delete(Resource user) {
    users.delete(user);
  }
}
