package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;

/** The seed's smoke tests and its load baseline against a deployed application. */
@ActivityInterface
public interface SmokeTestActivities {

  /**
   * Runs {@code smoke.suite} against {@code smoke.baseUrl}: {@code synckairos} is the seed's
   * {@code smoke-test.sh} (/health, /ready, /metrics exposing {@code {metricPrefix}_active_sessions}, a session
   * created and read back); {@code basic} is /health only. Each check is retried briefly while the application
   * warms up. The report has one line per check with its status and latency; a check that still fails is a
   * non-retryable SMOKE_TEST_FAILED whose message is the report, with the first bytes of the failing answer.
   */
  CheckReport runSmokeTests(EnvironmentSpec spec);

  /**
   * Sends {@code smoke.load}: GET requests to its path at its rate, with a cap on requests in flight, stopping at
   * its duration whatever is still in flight. Reports p50/p95/p99 latency and the error ratio; a threshold
   * exceeded is a non-retryable SMOKE_TEST_FAILED.
   */
  CheckReport runLoadTest(EnvironmentSpec spec);
}
