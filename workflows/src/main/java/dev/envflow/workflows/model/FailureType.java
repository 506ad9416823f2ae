package dev.envflow.workflows.model;

/**
 * Failure types an activity raises as non-retryable {@code ApplicationFailure}s. Anything else (timeouts,
 * connection resets, 5xx) is retried with backoff.
 */
public enum FailureType {
  INVALID_SPEC,
  BAD_CREDENTIALS,
  CONFLICT,
  QUOTA,
  REQUEST_REJECTED,
  PROVIDER_UNAVAILABLE,
  MIGRATION_FAILED,
  VALIDATION_FAILED,
  DEPLOY_FAILED,
  SMOKE_TEST_FAILED,
  METRICS_NOT_FLOWING,
  REJECTED;

  public static String[] names() {
    FailureType[] all = values();
    String[] names = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      names[i] = all[i].name();
    }
    return names;
  }
}
