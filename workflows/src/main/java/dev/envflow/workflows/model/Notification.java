package dev.envflow.workflows.model;

import java.util.List;

/**
 * What envflow tells people about an environment; the notification activity turns it into a Slack message (or a
 * log line). Holds no secret: resources are described by name and credential-free location only.
 *
 * @param event what happened
 * @param environmentId e.g. {@code env-synckairos-production}
 * @param requestedBy who asked for the environment
 * @param reason why it rolled back (null for the other events)
 * @param approvers who may approve (AWAITING_APPROVAL only, else empty)
 * @param deadlineMs until when approval is awaited, epoch milliseconds (AWAITING_APPROVAL only, else null)
 * @param details the validation results an approver needs, the resources of an ACTIVE environment, or what a
 *     rollback could not delete
 */
public record Notification(
    NotificationEvent event,
    String environmentId,
    String requestedBy,
    String reason,
    List<String> approvers,
    Long deadlineMs,
    List<String> details) {

  public Notification {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    details = details == null ? List.of() : List.copyOf(details);
  }

  public static Notification awaitingApproval(String environmentId, String requestedBy, List<String> approvers,
      long deadlineMs, List<String> evidence) {
    return new Notification(NotificationEvent.AWAITING_APPROVAL, environmentId, requestedBy, null, approvers,
        deadlineMs, evidence);
  }

  /** {@code approvedBy}: who has approved so far, when a quorum of several is needed. */
  public static Notification reminder(String environmentId, String requestedBy, List<String> approvers, long deadlineMs,
      int quorum, List<String> approvedBy) {
    return new Notification(NotificationEvent.APPROVAL_REMINDER, environmentId, requestedBy,
        approvedBy.size() + " of " + quorum + " approval(s) so far" + (approvedBy.isEmpty() ? "" : ": " + String.join(", ", approvedBy)),
        approvers, deadlineMs, List.of());
  }

  public static Notification active(String environmentId, String requestedBy, List<String> resources) {
    return new Notification(NotificationEvent.ACTIVE, environmentId, requestedBy, null, List.of(), null, resources);
  }

  /** {@code problems}: the compensations that failed; none means everything created was deleted. */
  public static Notification rolledBack(String environmentId, String requestedBy, String reason, List<String> problems) {
    NotificationEvent event = problems.isEmpty() ? NotificationEvent.ROLLED_BACK : NotificationEvent.ROLLBACK_INCOMPLETE;
    return new Notification(event, environmentId, requestedBy, reason, List.of(), null, problems);
  }
}
