package dev.envflow.workflows.model;

/** Where an environment's provisioning is. The last three are final. */
public enum Phase {
  VALIDATING,
  PROVISIONING,
  AWAITING_APPROVAL,
  DEPLOYING,
  VERIFYING,
  ROLLING_BACK,
  ACTIVE,
  ROLLED_BACK,
  FAILED,
  TEARING_DOWN,
  TORN_DOWN;

  public boolean isFinal() {
    return this == ACTIVE || this == ROLLED_BACK || this == FAILED || this == TORN_DOWN;
  }
}
