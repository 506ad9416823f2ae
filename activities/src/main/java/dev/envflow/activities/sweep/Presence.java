package dev.envflow.activities.sweep;

/** Whether a resource the inventory records still exists at its provider. */
public enum Presence {
  PRESENT,
  GONE,
  /** The provider cannot tell (it cannot look, or the record does not say enough to find the resource). */
  UNKNOWN
}
