package dev.envflow.workflows.model;

/** The moments envflow tells people about an environment. */
public enum NotificationEvent {
  /** Everything is created and validated; a listed approver must approve or reject the rollout. */
  AWAITING_APPROVAL,
  /** Still waiting for approval, and the timeout is near: the approvers are reminded. */
  APPROVAL_REMINDER,
  /** Deployed, smoke-tested and (when asked) metrics flowing: the environment is ready. */
  ACTIVE,
  /** Something failed, was rejected or cancelled, and everything created was deleted again. */
  ROLLED_BACK,
  /** Rolled back, but some resources could not be deleted and need a person. */
  ROLLBACK_INCOMPLETE
}
