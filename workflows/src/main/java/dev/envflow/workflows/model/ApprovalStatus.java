package dev.envflow.workflows.model;

import java.util.List;

/**
 * The approval gate as the status query shows it. {@code state} is one of NOT_REQUIRED, WAITING,
 * APPROVED, REJECTED, TIMED_OUT. {@code evidence} lists the validation results an approver needs.
 */
public record ApprovalStatus(
    boolean required,
    String state,
    List<String> approvers,
    String decidedBy,
    String reason,
    Long deadlineMs,
    List<String> evidence) {}
