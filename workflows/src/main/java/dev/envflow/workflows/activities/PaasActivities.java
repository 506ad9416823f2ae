package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Where the application runs: its secrets and its deploy. */
@ActivityInterface
public interface PaasActivities {

  /**
   * Sets the application's secrets ({@code REDIS_URL}, {@code DATABASE_URL}) from the credentials the
   * worker stored for {@code sources}. Setting the same secrets again replaces them. The result names the
   * secrets, never their values.
   */
  Resource setSecrets(EnvironmentSpec spec, List<Resource> sources);

  /** Deletes the secrets set above. Deleting what is already gone succeeds. */
  void deleteSecrets(Resource secrets);

  /** Deploys the application with its secrets; for the local provider, runs {@code paas.deployCommand} if given. */
  DeployReport deploy(EnvironmentSpec spec, Resource secrets);
}
