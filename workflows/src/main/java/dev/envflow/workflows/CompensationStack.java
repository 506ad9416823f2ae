package dev.envflow.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Functions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The saga: a compensation is pushed before its create is called, and {@link #compensate} runs them newest
 * first. A compensation that still fails after its retries is reported and the others still run.
 */
final class CompensationStack {

  private record Compensation(String step, Functions.Proc undo) {}

  private final Deque<Compensation> stack = new ArrayDeque<>();

  void push(String step, Functions.Proc undo) {
    stack.push(new Compensation(step, undo));
  }

  /** Runs every compensation newest first; returns the problems of those that could not be completed. */
  List<String> compensate(Consumer<String> onCompensated) {
    List<String> problems = new ArrayList<>();
    while (!stack.isEmpty()) {
      Compensation compensation = stack.pop();
      try {
        compensation.undo().apply();
        onCompensated.accept(compensation.step());
      } catch (ActivityFailure e) {
        problems.add("could not roll back " + compensation.step() + ": " + Failures.describe(e));
      }
    }
    return problems;
  }
}
