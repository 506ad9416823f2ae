package dev.envflow.activities.paas.fly;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.paas.Heartbeat;
import dev.envflow.activities.paas.fly.FlyRollout.Deployment;
import dev.envflow.activities.paas.fly.FlyRollout.MachineChange;
import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rolling deploy of a Fly app: one machine at a time, each updated with its full configuration and the new image
 * and {@code min_secrets_version}, then awaited until its new instance has started. Every change is written down in
 * the environment's {@link FlyRollout} before it is sent, so a retried deploy continues and an undo knows each
 * machine's previous image.
 */
final class FlyRollingDeploy {

  private final FlyMachinesApi api;
  private final FlyRollouts rollouts;
  private final FlyMachineStarts starts;

  FlyRollingDeploy(FlyMachinesApi api, FlyRollouts rollouts, FlyMachineStarts starts) {
    this.api = api;
    this.rollouts = rollouts;
    this.starts = starts;
  }

  /** The name of the machine envflow creates in an app that has none. */
  static String machineName(String environment) {
    return "envflow-" + environment;
  }

  DeployReport deploy(String environment, FlyRollout recorded, String rolloutId, String image, Heartbeat heartbeat) {
    String app = recorded.app();
    List<FlyMachine> machines = api.machines(app);
    Deployment deployment = recorded.deployedBy(rolloutId)
        ? recorded.deployment() : new Deployment(rolloutId, image, List.of());
    FlyRollout rollout = recorded;
    for (FlyMachine machine : machines) {
      if (machineName(environment).equals(machine.name()) && !rollout.createdMachines().contains(machine.id())) {
        rollout = rollout.withCreatedMachine(machine.id());
        deployment = deployment.knows(machine.id()) ? deployment : deployment.plus(MachineChange.createdByEnvflow(machine.id()));
      } else if (!deployment.knows(machine.id())) {
        deployment = deployment.plus(MachineChange.existing(machine.id(), machine.image()));
      }
    }
    rollout = rollouts.save(environment, rollout.withDeployment(deployment));
    if (machines.isEmpty()) {
      return createFirstMachine(environment, rollout, image, heartbeat);
    }
    List<String> previous = new ArrayList<>();
    for (int i = 0; i < machines.size(); i++) {
      FlyMachine machine = machines.get(i);
      rollout = rollouts.save(environment, rollout.withDeployment(rollout.deployment().with(machine.id(), MachineChange::asUpdated)));
      heartbeat.beat("updating machine " + machine.id() + " (" + (i + 1) + " of " + machines.size() + ") of " + app);
      FlyMachine updated = api.updateMachine(app, machine.id(), machine.configWithImage(image), rollout.secretsVersion());
      Optional<String> problem = starts.awaitStarted(app, machine.id(), updated.instanceId(), heartbeat);
      if (problem.isPresent()) {
        String putBack = putBack(rollout, heartbeat);
        throw ApplicationFailure.newNonRetryableFailure("fly: machine " + machine.id() + " (" + (i + 1) + " of "
            + machines.size() + ") of app " + app + " did not start with " + image + ": " + problem.get() + "; "
            + putBack, FailureType.DEPLOY_FAILED.name());
      }
      previous.add(machine.id() + " from " + machine.image());
    }
    return new DeployReport("fly app " + app + ": " + machines.size() + " machine(s) updated one at a time to " + image
        + secretsVersion(rollout) + ", each started (" + String.join(", ", previous) + ")");
  }

  private DeployReport createFirstMachine(String environment, FlyRollout rollout, String image, Heartbeat heartbeat) {
    String app = rollout.app();
    heartbeat.beat("creating a machine in " + app);
    ObjectNode config = JsonNodeFactory.instance.objectNode().put("image", image);
    FlyMachine created = api.createMachine(app, machineName(environment), config, rollout.secretsVersion());
    FlyRollout recorded = rollouts.save(environment, rollout.withCreatedMachine(created.id())
        .withDeployment(rollout.deployment().plus(MachineChange.createdByEnvflow(created.id()))));
    Optional<String> problem = starts.awaitStarted(app, created.id(), created.instanceId(), heartbeat);
    if (problem.isPresent()) {
      String putBack = putBack(recorded, heartbeat);
      throw ApplicationFailure.newNonRetryableFailure("fly: machine " + created.id() + " that envflow created in app "
          + app + " (it had none) did not start with " + image + ": " + problem.get() + "; " + putBack,
          FailureType.DEPLOY_FAILED.name());
    }
    return new DeployReport("fly app " + app + " had no machines: created machine " + created.id() + " from " + image
        + secretsVersion(recorded) + "; it started");
  }

  /**
   * Puts the machines this rollout updated back on their previous image and destroys the ones it created, newest
   * first, leaving the secrets as they are; says what it did, or what it could not do.
   */
  String putBack(FlyRollout rollout, Heartbeat heartbeat) {
    List<String> back = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<MachineChange> changed = new ArrayList<>(rollout.deployment().machines());
    java.util.Collections.reverse(changed);
    for (MachineChange machine : changed) {
      if (!machine.updated() || machine.reverted()) {
        continue;
      }
      heartbeat.beat("putting machine " + machine.id() + " of " + rollout.app() + " back");
      try {
        if (machine.created()) {
          api.destroyMachine(rollout.app(), machine.id());
          back.add(machine.id() + " destroyed");
          continue;
        }
        Optional<FlyMachine> current = api.machine(rollout.app(), machine.id());
        if (current.isEmpty()) {
          continue;
        }
        FlyMachine reverted = api.updateMachine(rollout.app(), machine.id(),
            current.get().configWithImage(machine.previousImage()), rollout.secretsVersion());
        Optional<String> problem = starts.awaitStarted(rollout.app(), machine.id(), reverted.instanceId(), heartbeat);
        if (problem.isPresent()) {
          problems.add(machine.id() + " did not start again on " + machine.previousImage() + ": " + problem.get());
        } else {
          back.add(machine.id() + " back on " + machine.previousImage());
        }
      } catch (ApplicationFailure failure) {
        problems.add(machine.id() + " could not be put back: " + failure.getOriginalMessage());
      }
    }
    String done = back.isEmpty() ? "no machine had to be put back" : "machines " + String.join(", ", back);
    return problems.isEmpty() ? done : done + "; NOT put back: " + String.join("; ", problems);
  }

  private static String secretsVersion(FlyRollout rollout) {
    return rollout.secretsVersion() == null ? "" : " with secrets version " + rollout.secretsVersion();
  }
}
