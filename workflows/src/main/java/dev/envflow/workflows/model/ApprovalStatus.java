package dev.envflow.workflows.model;

import java.util.List;

/**
 * The approval gate as the status query shows it. {@code state} is one of NOT_REQUIRED, WAITING,
 * APPROVED, REJECTED, TIMED_OUT. {@code evidence} lists the validation results an approver needs;
 * {@code approvedBy} who approved so far, of the {@code quorum} needed.
 */
public record ApprovalStatus(
    boolean required,
    String state,
    List<String> approvers,
    String decidedBy,
    String reason,
    Long deadlineMs,
    List<String> evidence,
    int quorum,
    List<String> approvedBy) {

  public ApprovalStatus {
    approvedBy = approvedBy == null ? List.of() : List.copyOf(approvedBy);
  }

  public ApprovalStatus(boolean required, String state, List<String> approvers, String decidedBy, String reason,
      Long deadlineMs, List<String> evidence) {
    this(required, state, approvers, decidedBy, reason, deadlineMs, evidence, 1, List.of());
  }
}
