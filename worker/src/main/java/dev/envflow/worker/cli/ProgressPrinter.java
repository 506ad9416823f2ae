package dev.envflow.worker.cli;

import dev.envflow.workflows.model.ApprovalStatus;
import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.StepState;
import dev.envflow.workflows.model.StepStatus;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints an environment's progress as it changes: a line when a step starts and when it ends (with its
 * duration), what a long step is waiting for as it changes (e.g. a cloud database coming up), the phase when it changes, and how to approve while waiting for approval.
 */
public final class ProgressPrinter {

  private final PrintWriter out;
  private final String approveHint;
  private final Map<String, StepState> seen = new HashMap<>();
  private final Map<String, String> runningDetail = new HashMap<>();
  private Phase phase;

  /** {@code approveHint} is the command shown while waiting, with {@code %s} for the environment id. */
  public ProgressPrinter(PrintWriter out, String approveHint) {
    this.out = out;
    this.approveHint = approveHint;
  }

  public synchronized void update(EnvironmentStatus status) {
    for (StepStatus step : status.steps()) {
      StepState previous = seen.put(step.name(), step.state());
      boolean newDetail = step.state() == StepState.RUNNING && step.detail() != null
          && !step.detail().equals(runningDetail.put(step.name(), step.detail()));
      if ((step.state() == previous && !newDetail) || step.state() == StepState.PENDING) {
        continue;
      }
      boolean startMissed = (previous == null || previous == StepState.PENDING)
          && (step.state() == StepState.DONE || step.state() == StepState.FAILED);
      if (startMissed) {
        out.println(StatusFormatter.stepLine(new StepStatus(step.name(), StepState.RUNNING, step.startedAtMs(), null, null, null)));
      }
      out.println(StatusFormatter.stepLine(step));
    }
    if (status.phase() != phase) {
      phase = status.phase();
      out.println("== " + phase);
      if (phase == Phase.AWAITING_APPROVAL) {
        printApprovalHint(status);
      }
    }
    out.flush();
  }

  private void printApprovalHint(EnvironmentStatus status) {
    ApprovalStatus approval = status.approval();
    if (approval == null) {
      return;
    }
    if (approval.evidence() != null && !approval.evidence().isEmpty()) {
      out.println("   evidence for the approver:");
      approval.evidence().forEach(line -> out.println("     " + line));
    }
    String approver = approval.approvers() == null || approval.approvers().isEmpty() ? "NAME" : approval.approvers().get(0);
    out.println("   waiting for one of " + approval.approvers() + " to approve:");
    out.println("     " + approveHint.formatted(status.environmentId()).replace("NAME", approver));
    out.println("   or reject: envflow reject " + status.environmentId() + " --reason '...' (with the approver's token)");
  }
}
