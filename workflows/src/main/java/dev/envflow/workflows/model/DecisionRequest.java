package dev.envflow.workflows.model;

/** The {@code decide} update's argument: {@code action} is {@code approve} or {@code reject}. */
public record DecisionRequest(String action, String by, String reason) {

  public static final String APPROVE = "approve";
  public static final String REJECT = "reject";
}
