package dev.envflow.activities.nop;

import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.paas.ApplicationSecrets;
import dev.envflow.activities.paas.PaasProvider;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.NopSpec;
import java.util.List;

/**
 * The nop PaaS: its secrets are read from the secret store like a real PaaS reads them (so missing credentials
 * fail as they would) and kept nowhere; deploying and undoing a deploy do nothing but take {@code nop.latency}.
 */
final class NopPaasProvider implements PaasProvider {

  private static final ResourceKind KIND = ResourceKind.SECRETS;

  private final NopCalls calls;
  private final NopLedger ledger;
  private final SecretStore secrets;
  private final ProviderVariables variables;

  NopPaasProvider(NopCalls calls, NopLedger ledger, SecretStore secrets, ProviderVariables variables) {
    this.calls = calls;
    this.ledger = ledger;
    this.secrets = secrets;
    this.variables = variables;
  }

  @Override
  public String name() {
    return NopSpec.PROVIDER;
  }

  @Override
  public Resource setSecrets(EnvironmentSpec spec, List<Resource> sources) {
    NopSpec options = spec.nopOrDefault();
    String app = spec.paas().app();
    return calls.call(options, "secrets", () -> {
      ApplicationSecrets.of(spec, sources, secrets, variables);
      ledger.create(KIND, app);
      return new Resource(KIND.name(), NopSpec.PROVIDER, app, app, NopLocation.of("secrets", app, options));
    });
  }

  @Override
  public List<String> deleteSecrets(Resource resource) {
    return calls.call(NopLocation.options(resource), "secrets.delete", () -> {
      ledger.delete(KIND, resource.name());
      return List.of();
    });
  }

  @Override
  public DeployReport deploy(EnvironmentSpec spec, Resource resource) {
    return calls.call(spec.nopOrDefault(), "deploy", () -> new DeployReport("nop: deployed nothing to " + spec.paas().app()));
  }

  @Override
  public DeployReport rollbackDeploy(EnvironmentSpec spec, Resource resource) {
    return calls.call(spec.nopOrDefault(), "deploy.undo", () -> new DeployReport("nop: nothing to undo"));
  }
}
