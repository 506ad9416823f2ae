package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;

/** The seed's smoke tests against a deployed application. */
@ActivityInterface
public interface SmokeTestActivities {

  /**
   * Checks {@code smoke.baseUrl}: {@code /health} and {@code /ready} answer 2xx, {@code /metrics} answers
   * 2xx and exposes {@code {metricPrefix}_active_sessions}. A failed check is a non-retryable SMOKE_TEST_FAILED.
   */
  CheckReport runSmokeTests(EnvironmentSpec spec);
}
