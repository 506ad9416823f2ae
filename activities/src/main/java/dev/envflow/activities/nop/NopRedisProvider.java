package dev.envflow.activities.nop;

import dev.envflow.activities.redis.RedisProvider;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.NopSpec;
import java.util.List;

/**
 * The nop Redis: records a Redis user in the {@link NopLedger} and a placeholder {@code REDIS_URL} (on the
 * unresolvable {@code nop.invalid}, no password) in the secret store, so that a real PaaS provider can still be
 * given one.
 */
final class NopRedisProvider implements RedisProvider {

  private static final ResourceKind KIND = ResourceKind.REDIS_USER;

  private final NopCalls calls;
  private final NopLedger ledger;
  private final SecretStore secrets;

  NopRedisProvider(NopCalls calls, NopLedger ledger, SecretStore secrets) {
    this.calls = calls;
    this.ledger = ledger;
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return NopSpec.PROVIDER;
  }

  @Override
  public Resource create(EnvironmentSpec spec) {
    NopSpec options = spec.nopOrDefault();
    String name = spec.name();
    return calls.call(options, "redis.create", () -> {
      ledger.create(KIND, name);
      secrets.put(SecretStore.key(KIND.name(), name), "redis://" + name + "@nop.invalid:6379");
      return new Resource(KIND.name(), NopSpec.PROVIDER, name, name, NopLocation.of("redis", name, options));
    });
  }

  @Override
  public Readiness readiness(Resource user, long waitingSinceMillis) {
    return calls.look(NopLocation.options(user), "redis.ready", "nop Redis user " + user.name(), waitingSinceMillis);
  }

  @Override
  public CheckReport validate(Resource user) {
    return calls.call(NopLocation.options(user), "redis.validate",
        () -> new CheckReport(user.name(), List.of("nop: nothing to check, nothing was created")));
  }

  @Override
  public void delete(Resource user) {
    calls.call(NopLocation.options(user), "redis.delete", () -> {
      secrets.delete(SecretStore.key(KIND.name(), user.name()));
      return ledger.delete(KIND, user.name());
    });
  }
}
