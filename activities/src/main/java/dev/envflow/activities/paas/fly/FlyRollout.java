package dev.envflow.activities.paas.fly;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What envflow changed on a Fly app for one environment, written down before each change so that a retried or
 * re-run activity, a rollback and a teardown all know it: whether envflow created the app, which secret keys it
 * added (unset on rollback) and which existed before (their earlier values are write-only, so they cannot be
 * restored), and what the current rollout did to each machine.
 *
 * @param secretsVersion the app's latest secrets version envflow set, passed as {@code min_secrets_version}
 * @param createdMachines machines envflow created (the app had none) and has not destroyed yet, over all rollouts
 * @param deployment the latest rollout's machines, or null before the first deploy
 */
record FlyRollout(String app, boolean appCreated, List<String> added, List<String> replaced, Long secretsVersion,
    List<String> createdMachines, Deployment deployment) {

  FlyRollout {
    added = List.copyOf(added);
    replaced = List.copyOf(replaced);
    createdMachines = createdMachines == null ? List.of() : List.copyOf(createdMachines);
  }

  static FlyRollout start(String app) {
    return new FlyRollout(app, false, List.of(), List.of(), null, List.of(), null);
  }

  FlyRollout withAppCreated() {
    return new FlyRollout(app, true, added, replaced, secretsVersion, createdMachines, deployment);
  }

  FlyRollout withKeys(List<String> added, List<String> replaced) {
    return new FlyRollout(app, appCreated, added, replaced, secretsVersion, createdMachines, deployment);
  }

  FlyRollout withSecretsVersion(Long version) {
    return new FlyRollout(app, appCreated, added, replaced, version, createdMachines, deployment);
  }

  FlyRollout withDeployment(Deployment next) {
    return new FlyRollout(app, appCreated, added, replaced, secretsVersion, createdMachines, next);
  }

  FlyRollout withCreatedMachine(String id) {
    List<String> created = new ArrayList<>(createdMachines);
    if (!created.contains(id)) {
      created.add(id);
    }
    return new FlyRollout(app, appCreated, added, replaced, secretsVersion, created, deployment);
  }

  FlyRollout withoutCreatedMachine(String id) {
    List<String> created = new ArrayList<>(createdMachines);
    created.remove(id);
    return new FlyRollout(app, appCreated, added, replaced, secretsVersion, created, deployment);
  }

  /** True when {@code rolloutId}'s deploy wrote down what it did to the machines. */
  boolean deployedBy(String rolloutId) {
    return deployment != null && deployment.rolloutId().equals(rolloutId);
  }

  /**
   * One rollout's changes to the machines.
   *
   * @param rolloutId the workflow run that deployed (a retried activity finds its own rollout)
   * @param image what the machines were updated to
   */
  record Deployment(String rolloutId, String image, List<MachineChange> machines) {

    Deployment {
      machines = List.copyOf(machines);
    }

    Deployment with(String id, UnaryOperator<MachineChange> change) {
      List<MachineChange> next = new ArrayList<>();
      for (MachineChange machine : machines) {
        next.add(machine.id().equals(id) ? change.apply(machine) : machine);
      }
      return new Deployment(rolloutId, image, next);
    }

    Deployment plus(MachineChange machine) {
      List<MachineChange> next = new ArrayList<>(machines);
      next.add(machine);
      return new Deployment(rolloutId, image, next);
    }

    boolean knows(String id) {
      return machines.stream().anyMatch(m -> m.id().equals(id));
    }
  }

  /**
   * @param previousImage the image the machine ran before this rollout (null for one envflow created)
   * @param created envflow created the machine because the app had none; undoing destroys it
   * @param updated the update to the new image was sent (or is about to be)
   * @param reverted undone already
   */
  record MachineChange(String id, String previousImage, boolean created, boolean updated, boolean reverted) {

    static MachineChange existing(String id, String image) {
      return new MachineChange(id, image, false, false, false);
    }

    static MachineChange createdByEnvflow(String id) {
      return new MachineChange(id, null, true, true, false);
    }

    MachineChange asUpdated() {
      return new MachineChange(id, previousImage, created, true, reverted);
    }

    MachineChange asReverted() {
      return new MachineChange(id, previousImage, created, updated, true);
    }
  }
}
