package dev.envflow.activities.paas;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.paas.fly.FlyConfig;
import dev.envflow.activities.paas.fly.FlyPaasProvider;
import dev.envflow.activities.secrets.SecretStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The PaaS providers a worker serves, from its variables (DESIGN.md, "Provider configuration"). */
public final class PaasProviders {

  private PaasProviders() {}

  /** {@code local} always; {@code fly} when {@code FLY_API_TOKEN} is set. */
  public static List<PaasProvider> configured(ProviderVariables variables, SecretStore secrets, Path stateDirectory) {
    List<PaasProvider> providers = new ArrayList<>();
    providers.add(new LocalPaasProvider(stateDirectory, secrets, variables,
        new ShellCommandRunner(LocalPaasProvider.DEFAULT_DEPLOY_TIMEOUT, LocalPaasProvider.DEFAULT_HEARTBEAT_INTERVAL)));
    if (availability(variables).available()) {
      providers.add(new FlyPaasProvider(FlyConfig.from(variables), secrets, variables));
    }
    return providers;
  }

  /** Whether this worker can serve {@code paas.provider: fly}, and if not, which variable is missing. */
  public static ProviderAvailability availability(ProviderVariables variables) {
    return ProviderAvailability.needing("paas", FlyPaasProvider.PROVIDER, variables.missing(FlyConfig.TOKEN));
  }
}
