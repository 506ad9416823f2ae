package dev.envflow.worker.cli;

import dev.envflow.workflows.model.ApprovalStatus;
import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.StepState;
import dev.envflow.workflows.model.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders an environment's status for people: one line per step, resource and error. */
public final class StatusFormatter {

  private StatusFormatter() {}

  public static List<String> describe(EnvironmentStatus status) {
    List<String> lines = new ArrayList<>();
    lines.add(status.environmentId() + "  " + status.phase());
    if (status.steps() != null && !status.steps().isEmpty()) {
      lines.add("steps:");
      status.steps().forEach(step -> lines.add(stepLine(step)));
    }
    if (status.resources() != null && !status.resources().isEmpty()) {
      lines.add("resources:");
      for (Resource r : status.resources()) {
        lines.add(String.format("  %-18s %-28s %s", r.kind(), r.name(), r.location() == null ? "" : r.location()));
      }
    }
    ApprovalStatus approval = status.approval();
    if (approval != null && approval.required()) {
      lines.add("approval: " + approval.state()
          + (approval.decidedBy() == null ? "" : " by " + approval.decidedBy())
          + (approval.reason() == null || approval.reason().isBlank() ? "" : " (" + approval.reason() + ")")
          + (approval.approvers() == null ? "" : "; approvers: " + String.join(", ", approval.approvers())));
    }
    if (status.errors() != null && !status.errors().isEmpty()) {
      lines.add("errors:");
      status.errors().forEach(e -> lines.add("  " + e));
    }
    return lines;
  }

  static String stepLine(StepStatus step) {
    String duration = step.durationMs() == null ? "" : seconds(step.durationMs());
    String note = step.error() != null ? step.error() : step.detail() == null ? "" : step.detail();
    return String.format("  %s %-26s %7s  %s", symbol(step.state()), step.name(), duration, note).stripTrailing();
  }

  static String symbol(StepState state) {
    return switch (state) {
      case PENDING -> " ";
      case RUNNING -> "…";
      case DONE -> "✓";
      case FAILED -> "✗";
      case SKIPPED -> "-";
      case COMPENSATED -> "↺";
    };
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2fs", millis / 1000.0);
  }
}
