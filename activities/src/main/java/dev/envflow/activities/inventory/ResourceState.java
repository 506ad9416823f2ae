package dev.envflow.activities.inventory;

/** Whether a recorded resource still exists. Deleted resources keep their row. */
public enum ResourceState {
  LIVE,
  DELETED
}
