package dev.envflow.workflows;

import dev.envflow.workflows.model.ApprovalStatus;
import dev.envflow.workflows.model.DecisionRequest;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may decide a production rollout, and what was decided. Only listed approvers may decide, the
 * requester may not decide their own environment; {@code quorum} distinct approvals approve, one rejection
 * rejects, and once decided nothing changes.
 */
final class ApprovalGate {

  enum State { NOT_REQUIRED, PENDING, WAITING, APPROVED, REJECTED, TIMED_OUT }

  private final boolean required;
  private final List<String> approvers;
  private final String requester;
  private final int quorum;
  private final List<String> approvedBy = new ArrayList<>();
  private State state;
  private String decidedBy;
  private String reason;
  private Long deadlineMs;
  private List<String> evidence = List.of();

  ApprovalGate(EnvironmentSpec spec) {
    this.required = spec.requiresApproval();
    this.approvers = List.copyOf(spec.approval().approvers());
    this.requester = spec.requestedBy();
    this.quorum = spec.approval().quorum();
    this.state = required ? State.PENDING : State.NOT_REQUIRED;
  }

  void open(long deadlineMs, List<String> evidence) {
    this.state = State.WAITING;
    this.deadlineMs = deadlineMs;
    this.evidence = new ArrayList<>(evidence);
  }

  /** Why {@code by} may not {@code action} now, or {@code null} when they may. */
  String refusal(String action, String by) {
    if (!DecisionRequest.APPROVE.equals(action) && !DecisionRequest.REJECT.equals(action)) {
      return "unknown action \"" + action + "\"; expected approve or reject";
    }
    if (by == null || by.isBlank()) {
      return "say who decides (\"by\")";
    }
    if (state == State.APPROVED || state == State.REJECTED || state == State.TIMED_OUT) {
      return "already decided: " + state.name().toLowerCase().replace('_', ' ') + (decidedBy == null ? "" : " by " + decidedBy);
    }
    if (state != State.WAITING) {
      return "not waiting for approval (" + (required ? "not there yet" : "no approval required") + ")";
    }
    if (by.equals(requester)) {
      return by + " requested this environment and may not decide on it";
    }
    if (!approvers.contains(by)) {
      return by + " is not an approver of this environment (approvers: " + String.join(", ", approvers) + ")";
    }
    if (DecisionRequest.APPROVE.equals(action) && approvedBy.contains(by)) {
      return by + " has already approved; " + (quorum - approvedBy.size()) + " more distinct approver(s) needed";
    }
    return null;
  }

  void decide(String action, String by, String why) {
    if (DecisionRequest.REJECT.equals(action)) {
      state = State.REJECTED;
      decidedBy = by;
      reason = why;
      return;
    }
    approvedBy.add(by);
    if (approvedBy.size() >= quorum) {
      state = State.APPROVED;
      decidedBy = String.join(", ", approvedBy);
      reason = why;
    }
  }

  /** Approvals given so far (the last one decides when the quorum is reached). */
  List<String> approvedBy() {
    return List.copyOf(approvedBy);
  }

  int quorum() {
    return quorum;
  }

  void timeOut() {
    state = State.TIMED_OUT;
    reason = "no decision before the approval timeout";
  }

  boolean decided() {
    return state == State.APPROVED || state == State.REJECTED || state == State.TIMED_OUT;
  }

  boolean approved() {
    return state == State.APPROVED;
  }

  State state() {
    return state;
  }

  String decidedBy() {
    return decidedBy;
  }

  String reason() {
    return reason;
  }

  ApprovalStatus status() {
    return new ApprovalStatus(required, state.name(), approvers, decidedBy, reason, deadlineMs, evidence, quorum,
        approvedBy);
  }
}
