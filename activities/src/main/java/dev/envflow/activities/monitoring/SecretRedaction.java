package dev.envflow.activities.monitoring;

import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/**
 * Runs a provider call that sends a secret (a Slack webhook URL) and keeps the secret out of its failure: a
 * provider that echoes the value in its error text gets it replaced by what it is.
 */
public final class SecretRedaction {

  private SecretRedaction() {}

  public static <T> T redacting(String secret, String shownAs, Supplier<T> call) {
    try {
      return call.get();
    } catch (ApplicationFailure failure) {
      String message = failure.getOriginalMessage();
      if (secret == null || secret.isEmpty() || message == null || !message.contains(secret)) {
        throw failure;
      }
      ApplicationFailure.Builder redacted = ApplicationFailure.newBuilder()
          .setMessage(message.replace(secret, shownAs))
          .setType(failure.getType())
          .setNonRetryable(failure.isNonRetryable());
      if (failure.getNextRetryDelay() != null) {
        redacted.setNextRetryDelay(failure.getNextRetryDelay());
      }
      throw redacted.build();
    }
  }

  public static void redacting(String secret, String shownAs, Runnable call) {
    redacting(secret, shownAs, () -> {
      call.run();
      return null;
    });
  }
}
