package dev.envflow.activities.paas.fly;

import dev.envflow.activities.paas.Heartbeat;
import java.time.Duration;
import java.util.Optional;

/** Waits for one machine instance to reach {@code started}, with {@code /wait} calls and looks in between. */
final class FlyMachineStarts {

  private final FlyMachinesApi api;
  private final FlyTimings timings;
  private final Pause pause;

  FlyMachineStarts(FlyMachinesApi api, FlyTimings timings, Pause pause) {
    this.api = api;
    this.timings = timings;
    this.pause = pause;
  }

  /** Empty once the instance started; else why it did not, e.g. {@code its state is stopped after 5m}. */
  Optional<String> awaitStarted(String app, String id, String instanceId, Heartbeat heartbeat) {
    long deadline = System.nanoTime() + timings.machineStart().toNanos();
    String lastState = "unknown";
    while (true) {
      heartbeat.beat("waiting for machine " + id + " of " + app + " to start (" + lastState + ")");
      long left = deadline - System.nanoTime();
      Duration call = Duration.ofNanos(Math.max(0, Math.min(left, timings.waitCall().toNanos())));
      if (api.waitFor(app, id, instanceId, "started", call)) {
        return Optional.empty();
      }
      Optional<FlyMachine> machine = api.machine(app, id);
      if (machine.isEmpty()) {
        return Optional.of("it is gone");
      }
      lastState = machine.get().state();
      boolean ours = instanceId == null || instanceId.equals(machine.get().instanceId());
      if (ours && "started".equals(lastState)) {
        return Optional.empty();
      }
      if (machine.get().failed()) {
        return Optional.of("its state is " + lastState);
      }
      if (System.nanoTime() >= deadline) {
        return Optional.of("its state is " + lastState + " after " + timings.machineStart().toSeconds() + "s");
      }
      pause.sleep(timings.lookAgain());
    }
  }
}
