package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.Notification;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;

/**
 * Tells people what needs them or what happened: the Slack incoming webhook whose URL is in the worker variable
 * named by the spec's {@code monitoring.contacts.slackWebhookSecret} when it is set, else the log. The workflow
 * calls these with at most two attempts and never fails because of them.
 */
@ActivityInterface
public interface NotificationActivities {

  /** A free-text message to the approvers; kept for workflow histories from before {@link #sendNotification}. */
  void notifyApprovers(EnvironmentSpec spec, String message);

  /** Sends one notification: waiting for approval, ACTIVE, or rolled back. Not idempotent: each call posts once. */
  void sendNotification(EnvironmentSpec spec, Notification notification);
}
