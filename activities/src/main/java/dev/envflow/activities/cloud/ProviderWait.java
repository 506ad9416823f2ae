package dev.envflow.activities.cloud;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A short wait inside one activity attempt for something a provider finishes on its own within seconds (a
 * deletion, a project's first operations): look, pause, look again, a bounded number of times. When the
 * looks run out it fails retryably, so Temporal's retry policy carries on the wait with backoff instead of an
 * activity that sleeps for minutes.
 *
 * @param pollInterval the pause between two looks, and the delay asked of the retry when the looks run out
 * @param looks how many looks one attempt takes at most
 */
public record ProviderWait(Duration pollInterval, int looks, Sleeper sleeper) {

  /** Up to a minute per attempt, looking every three seconds. */
  public static final ProviderWait DEFAULT = new ProviderWait(Duration.ofSeconds(3), 20, Sleeper.THREAD);

  /** Pauses the calling thread; tests pass one that does not. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper THREAD = pause -> Thread.sleep(pause.toMillis());

    void sleep(Duration pause) throws InterruptedException;
  }

  /** Looks every {@code pollInterval}, at most {@code looks} times, and never sleeps. */
  public static ProviderWait immediate(int looks) {
    return new ProviderWait(Duration.ZERO, looks, pause -> { });
  }

  /**
   * Returns once {@code pending} answers empty; while it answers a state, pauses and looks again.
   *
   * @param what e.g. {@code Supabase project synckairos-staging (ref abc...)}
   * @param pending the state that is still awaited (e.g. {@code GOING_DOWN}), empty when done
   * @param awaited what "done" means, for the message, e.g. {@code deleted}
   */
  public void until(String what, String awaited, Supplier<Optional<String>> pending) {
    for (int look = 1; ; look++) {
      Optional<String> state = pending.get();
      if (state.isEmpty()) {
        return;
      }
      if (look >= looks) {
        throw ProviderFailures.retryable(what + " is not " + awaited + " yet (" + state.get() + "); envflow looks again",
            pollInterval);
      }
      try {
        sleeper.sleep(pollInterval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ProviderFailures.retryable(what + ": interrupted while waiting until " + awaited, pollInterval);
      }
    }
  }
}
