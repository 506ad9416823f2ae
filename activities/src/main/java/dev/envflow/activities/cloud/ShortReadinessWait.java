package dev.envflow.activities.cloud;

import dev.envflow.workflows.model.Readiness;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A readiness look told to look again within a second waits that out and looks again, for at most {@code limit} in
 * all. Between two looks the workflow would start a durable timer, and each pause would cost it a second activity and
 * two more workflow tasks besides the pause — tens of milliseconds on the in-process server, as much as such a pause
 * itself (docs/BENCHMARKS.md). Longer pauses, which every cloud provider asks for, go back to the workflow, which
 * waits on durable timers and shows in the status what it awaits.
 *
 * @param limit how long one look may wait in all
 * @param minimumPause the shortest pause between two looks, as the workflow's own polling keeps it
 */
public record ShortReadinessWait(Duration limit, Duration minimumPause, ProviderWait.Sleeper sleeper) {

  /** Waits out pauses of up to a second; the same 100 ms floor as the workflow's polling. */
  public static final ShortReadinessWait DEFAULT =
      new ShortReadinessWait(Duration.ofSeconds(1), Duration.ofMillis(100), ProviderWait.Sleeper.THREAD);

  /** One look, whatever it answers: every pause goes back to the workflow. */
  public static final ShortReadinessWait NONE = new ShortReadinessWait(Duration.ZERO, Duration.ZERO, pause -> { });

  /** Looks, and while the answer is "not ready, look again soon" within the limit, pauses and looks again. */
  public Readiness look(Supplier<Readiness> look) {
    Readiness readiness = look.get();
    long waited = 0;
    while (!readiness.ready()) {
      long pause = Math.max(readiness.pollAfterMillis(), minimumPause.toMillis());
      if (pause <= 0 || waited + pause > limit.toMillis()) {
        return readiness;
      }
      try {
        sleeper.sleep(Duration.ofMillis(pause));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return readiness;
      }
      waited += pause;
      readiness = look.get();
    }
    return readiness;
  }
}
