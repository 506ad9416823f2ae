package dev.envflow.activities.cloud;

import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long envflow waits for a provider's resource to become ready, and how often it looks. The workflow polls
 * with durable timers between checks, so the status can show what it waits for and since when; a check past
 * the deadline fails with PROVIDER_UNAVAILABLE.
 *
 * @param pollInterval the pause the workflow takes between checks
 * @param waitLimit how long after the first check a resource may still be not ready
 */
public record ReadinessPolicy(Duration pollInterval, Duration waitLimit, Clock clock) {

  public static final ReadinessPolicy DEFAULT =
      new ReadinessPolicy(Duration.ofSeconds(10), Duration.ofMinutes(15), Clock.systemUTC());

  public static ReadinessPolicy of(Duration pollInterval, Duration waitLimit) {
    return new ReadinessPolicy(pollInterval, waitLimit, Clock.systemUTC());
  }

  public Readiness ready(String state) {
    return new Readiness(true, state, state, 0);
  }

  /**
   * Not ready yet: the check to repeat after {@link #pollInterval}, or, when the wait started more than
   * {@link #waitLimit} ago, a non-retryable PROVIDER_UNAVAILABLE naming what was awaited.
   *
   * @param what e.g. {@code Supabase project synckairos-staging}
   * @param state the provider's own state, e.g. {@code COMING_UP}
   */
  public Readiness notReady(String what, String state, long waitingSinceMillis) {
    Duration waited = Duration.between(Instant.ofEpochMilli(waitingSinceMillis), clock.instant());
    if (waited.compareTo(waitLimit) > 0) {
      throw ProviderFailures.nonRetryable(FailureType.PROVIDER_UNAVAILABLE, what + " is still " + state + " after "
          + Readiness.humanDuration(waited.toMillis()) + "; envflow waits at most " + waitLimit
          + " (ENVFLOW_READINESS_TIMEOUT)");
    }
    return new Readiness(false, state, what + " " + state, pollInterval.toMillis());
  }

  /** A state the resource will not leave on its own (e.g. INIT_FAILED): stop waiting. */
  public RuntimeException failed(String what, String state) {
    return ProviderFailures.nonRetryable(FailureType.PROVIDER_UNAVAILABLE, what + " failed: its state is " + state);
  }
}
