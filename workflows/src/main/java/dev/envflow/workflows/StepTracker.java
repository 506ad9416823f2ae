package dev.envflow.workflows;

import dev.envflow.workflows.model.StepState;
import dev.envflow.workflows.model.StepStatus;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The per-step state the {@code status} query shows, in the order steps were first seen. */
final class StepTracker {

  private final Map<String, StepStatus> steps = new LinkedHashMap<>();

  StepTracker(List<String> plannedSteps) {
    plannedSteps.forEach(name -> steps.put(name, new StepStatus(name, StepState.PENDING, null, null, null, null)));
  }

  void running(String name) {
    steps.put(name, new StepStatus(name, StepState.RUNNING, Workflow.currentTimeMillis(), null, null, null));
  }

  /** Keeps the step running with what it is doing now, e.g. {@code Supabase project COMING_UP, 2m10s}. */
  void progress(String name, String detail) {
    StepStatus step = steps.get(name);
    Long started = step == null ? Workflow.currentTimeMillis() : step.startedAtMs();
    steps.put(name, new StepStatus(name, StepState.RUNNING, started, null, detail, null));
  }

  void done(String name, String detail) {
    end(name, StepState.DONE, detail, null);
  }

  void failed(String name, String error) {
    end(name, StepState.FAILED, null, error);
  }

  void skipped(String name, String why) {
    steps.put(name, new StepStatus(name, StepState.SKIPPED, null, null, why, null));
  }

  void compensated(String name, String detail) {
    StepStatus step = steps.get(name);
    String what = detail == null || detail.isBlank() ? "rolled back" : "rolled back: " + detail;
    steps.put(name, new StepStatus(name, StepState.COMPENSATED, step.startedAtMs(), step.durationMs(), what, step.error()));
  }

  StepState state(String name) {
    StepStatus step = steps.get(name);
    return step == null ? StepState.PENDING : step.state();
  }

  List<StepStatus> snapshot() {
    return new ArrayList<>(steps.values());
  }

  private void end(String name, StepState state, String detail, String error) {
    StepStatus step = steps.get(name);
    Long started = step == null ? null : step.startedAtMs();
    Long duration = started == null ? null : Workflow.currentTimeMillis() - started;
    steps.put(name, new StepStatus(name, state, started, duration, detail, error));
  }
}
