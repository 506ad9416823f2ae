package dev.envflow.activities.paas.fly;

import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.paas.ApplicationSecrets;
import dev.envflow.activities.paas.Heartbeat;
import dev.envflow.activities.paas.PaasProvider;
import dev.envflow.activities.paas.fly.FlyRollout.Deployment;
import dev.envflow.activities.paas.fly.FlyRollout.MachineChange;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Fly.io ({@code paas.provider: fly}): the app {@code paas.app} (created in {@code FLY_ORG} when absent, deleted on
 * rollback only when envflow created it), its secrets set in one bulk call, and a rolling update of its machines to
 * {@code paas.image}. What envflow changed is kept in the environment's {@link FlyRollout}, so rollback and teardown
 * undo exactly that: keys envflow added are unset, keys that existed before are reported by name (their earlier
 * values are write-only), machines go back to their previous image and machines envflow created are destroyed.
 */
public final class FlyPaasProvider implements PaasProvider {

  public static final String PROVIDER = "fly";
  private static final int TRIES = 4;

  private final FlyConfig config;
  private final FlyMachinesApi api;
  private final FlyRollouts rollouts;
  private final SecretStore secrets;
  private final ProviderVariables variables;
  private final FlyMachineStarts starts;
  private final FlyRollingDeploy rolling;
  private final Supplier<String> rolloutId;

  public FlyPaasProvider(FlyConfig config, SecretStore secrets, ProviderVariables variables) {
    this(config, secrets, variables, FlyTimings.DEFAULT, Duration.ofSeconds(1), Pause.SLEEP,
        FlyPaasProvider::currentWorkflowRun);
  }

  /**
   * @param firstBackoff the first pause before a call that failed in passing is tried again (doubling after)
   * @param pause how to pause; tests pass one that barely sleeps
   * @param rolloutId which rollout a deploy belongs to: the workflow run, so that a retried deploy continues its own
   *     rollout and a new run starts a new one
   */
  public FlyPaasProvider(FlyConfig config, SecretStore secrets, ProviderVariables variables, FlyTimings timings,
      Duration firstBackoff, Pause pause, Supplier<String> rolloutId) {
    this.config = config;
    this.api = new FlyMachinesApi(new ProviderHttpClient(PROVIDER, config.apiUrl(),
        request -> request.header("Authorization", config.authorization())).withoutReadRetries(), TRIES, firstBackoff,
        pause);
    this.rollouts = new FlyRollouts(secrets);
    this.secrets = secrets;
    this.variables = variables;
    this.starts = new FlyMachineStarts(api, timings, pause);
    this.rolling = new FlyRollingDeploy(api, rollouts, starts);
    this.rolloutId = rolloutId;
  }

  /**
   * Not swept: envflow sets keys on an app it may not own, and Fly's secrets carry no mark; what envflow changed is
   * known only from the environment's rollout record, which teardown uses. The reason is reported.
   */
  @Override
  public OrphanFinder orphanFinder() {
    return OrphanFinder.unsupported(PROVIDER, Set.of(ResourceKind.SECRETS), "Fly secrets carry no mark of envflow's"
        + " and sit on apps envflow may not own: the sweep cannot tell envflow's keys from others'");
  }

  @Override
  public String name() {
    return PROVIDER;
  }

  @Override
  public Resource setSecrets(EnvironmentSpec spec, List<Resource> sources) {
    String environment = spec.name();
    String app = spec.paas().app();
    Map<String, String> values = ApplicationSecrets.of(spec, sources, secrets, variables);
    FlyRollout rollout = rollouts.load(environment).orElseGet(() -> FlyRollout.start(app));
    if (!rollout.app().equals(app)) {
      throw ApplicationFailure.newNonRetryableFailure("fly: " + environment + " was rolled out to app " + rollout.app()
          + "; tear it down before moving it to " + app, FailureType.CONFLICT.name());
    }
    if (api.findApp(app).isEmpty()) {
      rollout = rollouts.save(environment, FlyRollout.start(app).withAppCreated());
      api.createApp(app, config.org());
    }
    Set<String> present = api.secretNames(app);
    List<String> added = new ArrayList<>(rollout.added());
    List<String> replaced = new ArrayList<>(rollout.replaced());
    for (String key : values.keySet()) {
      if (!added.contains(key) && !replaced.contains(key)) {
        (present.contains(key) ? replaced : added).add(key);
      }
    }
    rollout = rollouts.save(environment, rollout.withKeys(added, replaced));
    Long version = api.setSecrets(app, values);
    rollout = rollouts.save(environment, rollout.withSecretsVersion(version));
    return new Resource(ResourceKind.SECRETS.name(), PROVIDER, environment, app, describe(rollout, values.keySet()));
  }

  private static String describe(FlyRollout rollout, Set<String> keys) {
    List<String> replaced = rollout.replaced().stream().filter(keys::contains).toList();
    List<String> added = keys.stream().filter(k -> !replaced.contains(k)).toList();
    return "fly app " + rollout.app() + (rollout.appCreated() ? " (created by envflow)" : "")
        + (rollout.secretsVersion() == null ? "" : ", secrets version " + rollout.secretsVersion())
        + (added.isEmpty() ? "" : "; added " + String.join(", ", added))
        + (replaced.isEmpty() ? "" : "; replaced " + String.join(", ", replaced));
  }

  @Override
  public DeployReport deploy(EnvironmentSpec spec, Resource secretsResource) {
    FlyRollout rollout = rollouts.load(spec.name()).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        "fly: nothing records the secrets of " + spec.name() + " on app " + spec.paas().app() + "; set the secrets"
            + " first", FailureType.DEPLOY_FAILED.name()));
    return rolling.deploy(spec.name(), rollout, rolloutId.get(), spec.paas().image(), Heartbeat.ofCurrentActivity());
  }

  @Override
  public DeployReport rollbackDeploy(EnvironmentSpec spec, Resource secretsResource) {
    String environment = spec.name();
    Optional<FlyRollout> recorded = rollouts.load(environment);
    String run = rolloutId.get();
    if (recorded.isEmpty() || !recorded.get().deployedBy(run)) {
      return new DeployReport("fly: this rollout changed no machine of " + spec.paas().app());
    }
    FlyRollout rollout = recorded.get();
    String app = rollout.app();
    if (api.findApp(app).isEmpty()) {
      return new DeployReport("fly: app " + app + " is gone; nothing to put back");
    }
    Heartbeat heartbeat = Heartbeat.ofCurrentActivity();
    Unset unset = unsetAddedKeys(rollout);
    if (!unset.keys().isEmpty()) {
      rollout = rollouts.save(environment, rollout.withSecretsVersion(unset.version()));
    }
    List<String> done = new ArrayList<>();
    List<MachineChange> changed = new ArrayList<>(rollout.deployment().machines());
    Collections.reverse(changed);
    for (MachineChange machine : changed) {
      if (!machine.updated() || machine.reverted()) {
        continue;
      }
      heartbeat.beat("putting machine " + machine.id() + " of " + app + " back");
      if (machine.created()) {
        api.destroyMachine(app, machine.id());
        done.add("destroyed machine " + machine.id() + " that envflow created");
        rollout = rollout.withoutCreatedMachine(machine.id());
      } else {
        putBack(rollout, machine, !unset.keys().isEmpty(), heartbeat).ifPresent(done::add);
      }
      Deployment deployment = rollout.deployment().with(machine.id(), MachineChange::asReverted);
      rollout = rollouts.save(environment, rollout.withDeployment(deployment));
    }
    return new DeployReport("fly app " + app + ": " + (unset.keys().isEmpty() ? "no key to unset" : "unset "
        + String.join(", ", unset.keys())) + "; " + (done.isEmpty() ? "no machine to put back" : String.join("; ", done)));
  }

  /** Keys unset in one call, and the app's secrets version after it (null when nothing was unset). */
  private record Unset(List<String> keys, Long version) {}

  /** Unsets the keys envflow added that are still there. */
  private Unset unsetAddedKeys(FlyRollout rollout) {
    Set<String> present = api.secretNames(rollout.app());
    List<String> unset = rollout.added().stream().filter(present::contains).toList();
    if (unset.isEmpty()) {
      return new Unset(List.of(), null);
    }
    Map<String, String> nulls = new LinkedHashMap<>();
    unset.forEach(key -> nulls.put(key, null));
    return new Unset(unset, api.setSecrets(rollout.app(), nulls));
  }

  /**
   * Updates the machine back to its previous image (and the secrets as they are now); skipped when it already runs
   * that image and no key was unset. A machine that does not start again fails the undo without retrying.
   */
  private Optional<String> putBack(FlyRollout rollout, MachineChange machine, boolean keysChanged, Heartbeat heartbeat) {
    Optional<FlyMachine> current = api.machine(rollout.app(), machine.id());
    if (current.isEmpty()) {
      return Optional.empty();
    }
    if (!keysChanged && machine.previousImage() != null && machine.previousImage().equals(current.get().image())) {
      return Optional.of("machine " + machine.id() + " already on " + machine.previousImage());
    }
    FlyMachine updated = api.updateMachine(rollout.app(), machine.id(),
        current.get().configWithImage(machine.previousImage()), rollout.secretsVersion());
    Optional<String> problem = starts.awaitStarted(rollout.app(), machine.id(), updated.instanceId(), heartbeat);
    if (problem.isPresent()) {
      throw ApplicationFailure.newNonRetryableFailure("fly: machine " + machine.id() + " of app " + rollout.app()
          + " did not start again on " + machine.previousImage() + ": " + problem.get(), FailureType.DEPLOY_FAILED.name());
    }
    return Optional.of("machine " + machine.id() + " back on " + machine.previousImage());
  }

  @Override
  public List<String> deleteSecrets(Resource secretsResource) {
    String environment = secretsResource.name();
    Optional<FlyRollout> recorded = rollouts.load(environment);
    if (recorded.isEmpty()) {
      return List.of();
    }
    FlyRollout rollout = recorded.get();
    String app = rollout.app();
    if (api.findApp(app).isEmpty()) {
      rollouts.delete(environment);
      return List.of();
    }
    if (rollout.appCreated()) {
      api.deleteApp(app);
      rollouts.delete(environment);
      return List.of();
    }
    unsetAddedKeys(rollout);
    for (String machine : rollout.createdMachines()) {
      api.destroyMachine(app, machine);
    }
    List<String> notRestored = rollout.replaced().stream()
        .map(key -> key + " existed on fly app " + app + " before envflow set it; Fly keeps secret values"
            + " write-only, so its earlier value cannot be restored: set it again (fly secrets set " + key
            + "=... --app " + app + ")")
        .toList();
    rollouts.delete(environment);
    return notRestored;
  }

  private static String currentWorkflowRun() {
    try {
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      return info.getWorkflowId() + "/" + info.getRunId();
    } catch (IllegalStateException | NullPointerException notInAnActivity) {
      return "outside-a-workflow";
    }
  }
}
