package dev.envflow.workflows.activities;

import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;

/** Tells people what needs them: the Slack webhook named by the spec's contacts when configured, else the log. */
@ActivityInterface
public interface NotificationActivities {

  void notifyApprovers(EnvironmentSpec spec, String message);
}
