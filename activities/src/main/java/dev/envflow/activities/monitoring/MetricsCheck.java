package dev.envflow.activities.monitoring;

import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.MetricsCheckSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * "Are metrics flowing?": one look at a {@link MetricsSource} for the spec's metric. Until a sample arrives it
 * answers not-ready with what it waits for; once {@code monitoring.metricsCheck.timeout} has passed since the first
 * look it fails without retry, naming the metric, the query and where it looked.
 */
public final class MetricsCheck {

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);

  private final MetricsSource source;
  private final Duration pollInterval;
  private final Clock clock;

  public MetricsCheck(MetricsSource source, Duration pollInterval, Clock clock) {
    this.source = source;
    this.pollInterval = pollInterval;
    this.clock = clock;
  }

  public MetricsCheck(MetricsSource source) {
    this(source, DEFAULT_POLL_INTERVAL, Clock.systemUTC());
  }

  public Readiness look(EnvironmentSpec spec, long waitingSinceMillis) {
    MetricsCheckSpec check = spec.monitoring().metricsCheck();
    if (check == null) {
      return Readiness.immediately("no metrics check asked for");
    }
    String environment = MonitoringInputs.environmentName(spec.name());
    String query = source.query(environment, spec.monitoring().metricPrefix(), check.metric());
    if (source.hasSamples(query)) {
      return new Readiness(true, "flowing", check.metric() + " has samples at " + source.where(), 0);
    }
    Duration waited = Duration.between(Instant.ofEpochMilli(waitingSinceMillis), clock.instant());
    Duration timeout = Duration.parse(check.timeout());
    if (waited.compareTo(timeout) >= 0) {
      throw ProviderFailures.nonRetryable(FailureType.METRICS_NOT_FLOWING, "no sample of " + check.metric()
          + " at " + source.where() + " after " + Readiness.humanDuration(waited.toMillis()) + " (query " + query
          + "; monitoring.metricsCheck.timeout " + check.timeout() + "); is the application exporting it with the "
          + SeedMonitoring.ENVIRONMENT_LABEL + " label " + environment + "? See docs/MONITORING.md");
    }
    return new Readiness(false, "no sample", "waiting for a sample of " + check.metric() + " at " + source.where(),
        pollInterval.toMillis());
  }

  /** A source for a worker without the variables to query: the check fails at once, naming them. */
  public static MetricsSource unconfigured(String what, String variables) {
    return new MetricsSource() {
      @Override
      public String query(String environmentName, String metricPrefix, String metric) {
        return metric;
      }

      @Override
      public boolean hasSamples(String query) {
        throw ProviderFailures.nonRetryable(FailureType.PROVIDER_UNAVAILABLE, "monitoring.metricsCheck needs "
            + what + ": set " + variables + " on the worker");
      }

      @Override
      public String where() {
        return what + " (not configured)";
      }
    };
  }
}
