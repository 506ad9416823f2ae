package dev.envflow.workflows.model;

public enum StepState {
  PENDING,
  RUNNING,
  DONE,
  FAILED,
  SKIPPED,
  COMPENSATED
}
