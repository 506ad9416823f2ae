package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Where the application runs: its secrets and its deploy, on the PaaS the spec (or the resource) names. For
 * {@code local}, a 0600 dotenv file and an optional deploy command; for {@code fly}, the Fly app's secrets and a
 * rolling update of its machines.
 */
@ActivityInterface
public interface PaasActivities {

  /**
   * Sets the application's secrets ({@code REDIS_URL}, {@code DATABASE_URL} and the extra keys of
   * {@code paas.secrets}) from the credentials the worker stored for {@code sources}. The environment's name is
   * the idempotency key: setting them again replaces the values and remembers, across retries, which keys envflow
   * added. The result names the keys, never their values.
   */
  Resource setSecrets(EnvironmentSpec spec, List<Resource> sources);

  /**
   * Removes what {@link #setSecrets} added (and, on Fly, the app and machines envflow created). Deleting what is
   * already gone succeeds.
   *
   * @return what could not be undone, in words (e.g. a key that existed before and whose earlier value cannot be
   *     restored); empty when everything was undone
   */
  List<String> deleteSecrets(Resource secrets);

  /**
   * Deploys the application with its secrets: for {@code local}, runs {@code paas.deployCommand} if given; for
   * {@code fly}, updates the app's machines one at a time to {@code paas.image} and waits for each to start. A
   * machine that does not start puts the machines already updated back on their previous image and fails with a
   * non-retryable DEPLOY_FAILED naming the machine and its state.
   */
  DeployReport deploy(EnvironmentSpec spec, Resource secrets);

  /**
   * Undoes {@link #deploy}: the machines it changed go back to their previous image without the keys envflow
   * added, and machines it created are destroyed. Undoing a deploy that never happened, or undoing twice,
   * succeeds.
   */
  DeployReport rollbackDeploy(EnvironmentSpec spec, Resource secrets);
}
