package dev.envflow.workflows.model;

/**
 * One look at whether a provider's resource is ready to use.
 *
 * @param ready true when the next step may use it
 * @param state the provider's own state, e.g. {@code COMING_UP}, {@code ACTIVE_HEALTHY}
 * @param detail what is awaited, in words, e.g. {@code Supabase project synckairos-staging COMING_UP}
 * @param pollAfterMillis when not ready, how long to wait before looking again
 */
public record Readiness(boolean ready, String state, String detail, long pollAfterMillis) {

  public static Readiness immediately(String state) {
    return new Readiness(true, state, state, 0);
  }

  /** {@code 2m10s}, {@code 45s}, {@code 1h02m}. */
  public static String humanDuration(long millis) {
    long seconds = Math.max(0, millis / 1000);
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }
    return seconds / 3600 + "h" + String.format("%02d", (seconds % 3600) / 60) + "m";
  }
}
