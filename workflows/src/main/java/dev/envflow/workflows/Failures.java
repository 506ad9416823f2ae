package dev.envflow.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;

/** Reads Temporal failures in plain words. Causes are checked with {@code instanceof} before any cast. */
final class Failures {

  private Failures() {}

  /** The innermost application message, e.g. {@code migration V2 failed: relation "x" does not exist}. */
  static String describe(Throwable failure) {
    ApplicationFailure application = application(failure);
    if (application != null) {
      return application.getOriginalMessage();
    }
    if (innermost(failure) instanceof TimeoutFailure timeout) {
      return "timed out (" + timeout.getTimeoutType().name().toLowerCase().replace("timeout_type_", "") + ")";
    }
    Throwable innermost = innermost(failure);
    return innermost instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : String.valueOf(innermost.getMessage());
  }

  /** The failure type of the innermost {@link ApplicationFailure}, or {@code null}. */
  static String type(Throwable failure) {
    ApplicationFailure application = application(failure);
    return application == null ? null : application.getType();
  }

  static boolean isCancellation(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }

  private static ApplicationFailure application(Throwable failure) {
    ApplicationFailure found = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure application) {
        found = application;
      }
    }
    return found;
  }

  private static Throwable innermost(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause instanceof ActivityFailure) {
      cause = cause.getCause();
    }
    return cause;
  }
}
