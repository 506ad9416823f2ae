package dev.envflow.activities.nop;

import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.paas.Heartbeat;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.spec.NopSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * One call of a nop provider: it waits the spec's {@code nop.latency}, fails permanently when it is the
 * {@code nop.failStep}, and fails retryably for {@code nop.transientFailureRate} of calls — half of those before
 * its effect on the {@link NopLedger}, half after it, like a provider whose answer was lost after it acted, so a
 * retried create must adopt what the first attempt made.
 */
final class NopCalls {

  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);

  private final NopLedger ledger;
  private final DoubleSupplier random;
  private final Clock clock;

  NopCalls(NopLedger ledger, DoubleSupplier random, Clock clock) {
    this.ledger = ledger;
    this.random = random;
    this.clock = clock;
  }

  static NopCalls of(NopLedger ledger) {
    return new NopCalls(ledger, () -> ThreadLocalRandom.current().nextDouble(), Clock.systemUTC());
  }

  /** Runs {@code effect} as step {@code step} of a nop provider with {@code options}. */
  <T> T call(NopSpec options, String step, Supplier<T> effect) {
    pause(options.latencyDuration());
    return attempt(options, step, effect);
  }

  private <T> T attempt(NopSpec options, String step, Supplier<T> effect) {
    fail(options, step);
    boolean transientFailure = random.getAsDouble() < options.transientFailureRate();
    boolean afterEffect = transientFailure && random.getAsDouble() < 0.5;
    if (transientFailure && !afterEffect) {
      throw transientFailure(options, step, "before");
    }
    T result = effect.get();
    if (afterEffect) {
      throw transientFailure(options, step, "after");
    }
    ledger.called(NopLedger.Outcome.SUCCESS);
    return result;
  }

  /**
   * One look at whether a nop resource is ready: not until {@code nop.latency} has passed since
   * {@code waitingSinceMillis}, so the step takes the latency through the workflow's own polling.
   */
  Readiness look(NopSpec options, String step, String what, long waitingSinceMillis) {
    return attempt(options, step, () -> {
      long remaining = options.latencyDuration().toMillis() - (clock.millis() - waitingSinceMillis);
      return remaining <= 0 ? Readiness.immediately("READY")
          : new Readiness(false, "PENDING", what + " not ready until nop.latency " + options.latency() + " has passed",
              remaining);
    });
  }

  private void fail(NopSpec options, String step) {
    if (step.equals(options.failStep())) {
      ledger.called(NopLedger.Outcome.PERMANENT_FAILURE);
      throw ProviderFailures.nonRetryable(FailureType.REQUEST_REJECTED,
          "nop: " + step + " fails permanently, as nop.failStep asks");
    }
  }

  private RuntimeException transientFailure(NopSpec options, String step, String when) {
    ledger.called(NopLedger.Outcome.TRANSIENT_FAILURE);
    return ProviderFailures.retryable("nop: " + step + " failed transiently " + when + " acting (nop.transientFailureRate "
        + options.transientFailureRate() + ")", null);
  }

  /** Waits, heartbeating on the way when the wait is long, so a deploy's heartbeat timeout is not reached. */
  private static void pause(Duration latency) {
    long left = latency.toMillis();
    if (left <= 0) {
      return;
    }
    Heartbeat heartbeat = left > HEARTBEAT_EVERY.toMillis() ? Heartbeat.ofCurrentActivity() : Heartbeat.none();
    try {
      while (left > 0) {
        long slice = Math.min(left, HEARTBEAT_EVERY.toMillis());
        Thread.sleep(slice);
        left -= slice;
        if (left > 0) {
          heartbeat.beat("nop: waiting out nop.latency");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProviderFailures.retryable("nop: interrupted while waiting out nop.latency", null);
    }
  }
}
