package dev.envflow.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.List;

/**
 * How the {@code nop} provider behaves: a testing tool that creates nothing outside envflow but goes through the
 * whole workflow. Each of its calls first waits {@code latency}; then {@code transientFailureRate} of them fail
 * with a retryable error; the call of step {@code failStep} fails permanently.
 *
 * @param latency ISO-8601, how long each nop step takes (readiness and metrics looks answer "not yet" until it has
 *     passed), e.g. {@code PT0.1S}; {@code PT0S} by default
 * @param transientFailureRate from 0 to 1: the share of calls that fail with a retryable error
 * @param failStep the step whose call fails permanently (one of {@link #STEPS}), or null
 */
public record NopSpec(String latency, double transientFailureRate, String failStep) {

  public static final NopSpec DEFAULT = new NopSpec("PT0S", 0, null);
  public static final String PROVIDER = "nop";

  /** The steps a nop provider runs, as the status shows them, then the deletes and the undo of a rollback. */
  public static final List<String> STEPS = List.of(
      "redis.create", "redis.ready", "redis.validate",
      "postgres.create", "postgres.ready", "postgres.migrate", "postgres.validate",
      "monitoring.contact-points", "monitoring.dashboards", "monitoring.alerts", "metrics",
      "secrets", "deploy",
      "redis.delete", "postgres.delete", "monitoring.contact-points.delete", "monitoring.dashboards.delete",
      "monitoring.alerts.delete", "secrets.delete", "deploy.undo");

  @JsonIgnore
  public Duration latencyDuration() {
    return Duration.parse(latency);
  }

  /** The spec's resource kind ({@code redis}, {@code postgres}, {@code monitoring}, {@code paas}) that runs a step. */
  public static String kindOf(String step) {
    if (step.equals("metrics")) {
      return "monitoring";
    }
    if (step.startsWith("secrets") || step.startsWith("deploy")) {
      return "paas";
    }
    return step.substring(0, step.indexOf('.'));
  }
}
