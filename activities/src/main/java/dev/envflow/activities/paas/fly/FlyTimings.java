package dev.envflow.activities.paas.fly;

import java.time.Duration;

/**
 * How long envflow waits on Fly's machines.
 *
 * @param waitCall the longest single {@code /wait} call (kept under the deploy activity's heartbeat timeout)
 * @param machineStart how long one machine may take to reach {@code started} before it counts as failed
 * @param lookAgain the pause between two looks at a machine that has not started yet
 */
public record FlyTimings(Duration waitCall, Duration machineStart, Duration lookAgain) {

  public static final FlyTimings DEFAULT =
      new FlyTimings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(2));
}
