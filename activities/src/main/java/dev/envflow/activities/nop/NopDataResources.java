package dev.envflow.activities.nop;

import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.NopSpec;
import java.util.List;
import java.util.function.Function;

/**
 * What the nop Redis and PostgreSQL share: each resource is an entry in the {@link NopLedger} and a placeholder
 * connection URL (on the unresolvable {@code nop.invalid}, no password) under its secret key, so that a real PaaS
 * provider can still be given one; every call is a nop step named {@code <kind>.<action>}.
 */
final class NopDataResources {

  private final NopCalls calls;
  private final NopLedger ledger;
  private final SecretStore secrets;
  private final ResourceKind kind;
  private final String steps;
  private final Function<String, String> secretKey;

  NopDataResources(NopCalls calls, NopLedger ledger, SecretStore secrets, ResourceKind kind, String steps,
      Function<String, String> secretKey) {
    this.calls = calls;
    this.ledger = ledger;
    this.secrets = secrets;
    this.kind = kind;
    this.steps = steps;
    this.secretKey = secretKey;
  }

  Resource create(EnvironmentSpec spec, String placeholderUrl) {
    NopSpec options = spec.nopOrDefault();
    String name = spec.name();
    return calls.call(options, steps + ".create", () -> {
      ledger.create(kind, name);
      secrets.put(secretKey.apply(name), placeholderUrl);
      return new Resource(kind.name(), NopSpec.PROVIDER, name, name, NopLocation.of(steps, name, options));
    });
  }

  Readiness readiness(Resource resource, String what, long waitingSinceMillis) {
    return calls.look(NopLocation.options(resource), steps + ".ready", what, waitingSinceMillis);
  }

  CheckReport validate(Resource resource) {
    return calls.call(NopLocation.options(resource), steps + ".validate",
        () -> new CheckReport(resource.name(), List.of("nop: nothing to check, nothing was created")));
  }

  void delete(Resource resource) {
    calls.call(NopLocation.options(resource), steps + ".delete", () -> {
      secrets.delete(secretKey.apply(resource.name()));
      return ledger.delete(kind, resource.name());
    });
  }
}
