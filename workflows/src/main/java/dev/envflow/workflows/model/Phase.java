package dev.envflow.workflows.model;

/**
 * Where an environment's provisioning is. ACTIVE, ROLLED_BACK, ROLLBACK_FAILED, FAILED and TORN_DOWN are final.
 * ROLLBACK_FAILED: a rollback could not delete everything; the errors list what a person must remove, and the
 * inventory still lists it as live, so a teardown tries again.
 */
public enum Phase {
  VALIDATING,
  PROVISIONING,
  AWAITING_APPROVAL,
  DEPLOYING,
  VERIFYING,
  ROLLING_BACK,
  ACTIVE,
  ROLLED_BACK,
  ROLLBACK_FAILED,
  FAILED,
  TEARING_DOWN,
  TORN_DOWN;

  public boolean isFinal() {
    return this == ACTIVE || this == ROLLED_BACK || this == ROLLBACK_FAILED || this == FAILED || this == TORN_DOWN;
  }
}
