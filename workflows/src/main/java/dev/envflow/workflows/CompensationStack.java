package dev.envflow.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Functions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The saga: a compensation is pushed before its create is called, and {@link #compensate} runs them newest
 * first. A compensation that still fails after its retries is reported and the others still run.
 */
final class CompensationStack {

  private record Compensation(String step, Functions.Func<String> undo, Functions.Func<String> leftBehind) {}

  private final Deque<Compensation> stack = new ArrayDeque<>();

  void push(String step, Functions.Proc undo) {
    stack.push(new Compensation(step, () -> {
      undo.apply();
      return null;
    }, () -> null));
  }

  /** A compensation that says what it did, e.g. {@code 3 machines back on registry.fly.io/app:1.4.1}. */
  void pushReporting(String step, Functions.Func<String> undo) {
    stack.push(new Compensation(step, undo, () -> null));
  }

  /**
   * Like {@link #pushReporting(String, Functions.Func)}; when the undo cannot be completed, {@code leftBehind} says
   * what a person must remove by hand (asked then, so it names what the step had made by that time).
   */
  void pushReporting(String step, Functions.Func<String> undo, Functions.Func<String> leftBehind) {
    stack.push(new Compensation(step, undo, leftBehind));
  }

  /**
   * Runs every compensation newest first, telling {@code onCompensated} each step and what it did (null when it
   * did not say); returns the problems of those that could not be completed.
   */
  List<String> compensate(BiConsumer<String, String> onCompensated) {
    List<String> problems = new ArrayList<>();
    while (!stack.isEmpty()) {
      Compensation compensation = stack.pop();
      try {
        String detail = compensation.undo().apply();
        onCompensated.accept(compensation.step(), detail);
      } catch (ActivityFailure e) {
        String what = compensation.leftBehind().apply();
        problems.add("could not roll back " + compensation.step() + ": " + Failures.describe(e)
            + (what == null ? "" : "; remove by hand: " + what));
      }
    }
    return problems;
  }
}
