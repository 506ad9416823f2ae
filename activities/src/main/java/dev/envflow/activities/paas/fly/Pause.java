package dev.envflow.activities.paas.fly;

import java.time.Duration;

/** How the Fly provider pauses between tries and looks; tests pass one that barely sleeps. */
@FunctionalInterface
public interface Pause {

  Pause SLEEP = duration -> {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting on Fly", e);
    }
  };

  void sleep(Duration duration);
}
