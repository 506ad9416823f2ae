package dev.envflow.activities.smoke;

import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.spec.LoadSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a load step measured. {@code errors} counts requests answered with a non-2xx status, requests that got no
 * answer, and requests not sent because {@code maxInFlight} were already in flight; requests cut off at the end
 * count neither way. Latencies are of requests that got an answer (any status), in milliseconds.
 */
public record LoadReport(
    LoadSpec load,
    Duration elapsed,
    int maxInFlight,
    int sent,
    int notSent,
    int failed,
    int cutOff,
    int succeeded,
    int answered,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    double maxMs) {

  static LoadReport of(LoadSpec load, Duration elapsed, int maxInFlight, int sent, int notSent, int failed, int cutOff,
      int succeeded, long[] latencyNanos) {
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    return new LoadReport(load, elapsed, maxInFlight, sent, notSent, failed, cutOff, succeeded, sorted.length,
        percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
  }

  /** Nearest-rank percentile in milliseconds; 0 when nothing was measured. */
  static double percentile(long[] sortedNanos, int percent) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }

  public int errors() {
    return failed + notSent;
  }

  /** Errors among the requests that ended within the duration (and those never sent). */
  public double errorRatio() {
    int ended = sent - cutOff + notSent;
    return ended == 0 ? 1.0 : (double) errors() / ended;
  }

  /** Why the step fails, or an empty list when every threshold holds. */
  public List<String> exceeded() {
    List<String> exceeded = new ArrayList<>();
    if (answered == 0) {
      exceeded.add("no request was answered");
    }
    if (p95Ms > load.p95Ms()) {
      exceeded.add("p95 " + ms(p95Ms) + " is above " + load.p95Ms() + " ms");
    }
    if (errorRatio() > load.errorRate()) {
      exceeded.add("error ratio " + percent(errorRatio()) + " is above " + percent(load.errorRate()));
    }
    return exceeded;
  }

  public List<String> lines() {
    return List.of(
        "GET " + load.path() + " at " + load.rate() + "/s for " + Duration.parse(load.duration()).toSeconds() + "s"
            + " (stopped after " + String.format(Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0) + "s): " + sent
            + " sent, " + succeeded + " answered 2xx, " + failed + " failed (other status or no answer), "
            + notSent + " not sent (" + maxInFlight + " already in flight), " + cutOff + " cut off at the end",
        "latency p50 " + ms(p50Ms) + ", p95 " + ms(p95Ms) + ", p99 " + ms(p99Ms) + ", max " + ms(maxMs),
        "thresholds: p95 " + ms(p95Ms) + " (at most " + load.p95Ms() + " ms), error ratio " + percent(errorRatio())
            + " (at most " + percent(load.errorRate()) + "): " + (exceeded().isEmpty() ? "passed" : "exceeded"));
  }

  /** The report, or a non-retryable SMOKE_TEST_FAILED naming each threshold exceeded. */
  public CheckReport checked() {
    List<String> exceeded = exceeded();
    if (!exceeded.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure("load test failed: " + String.join("; ", exceeded) + "\n  "
          + String.join("\n  ", lines()), FailureType.SMOKE_TEST_FAILED.name());
    }
    return new CheckReport("GET " + load.path(), lines());
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%.1f ms", millis);
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
  }
}
