package dev.envflow.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.workflows.model.ApprovalStatus;
import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.StepState;
import dev.envflow.workflows.model.StepStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

  private final StringWriter out = new StringWriter();
  private final ProgressPrinter printer = new ProgressPrinter(new PrintWriter(out), "envflow approve %s --as NAME");

  @Test
  void printsALineWhenAStepStartsAndWhenItEndsEvenIfThePollMissedTheStart() {
    printer.update(status(Phase.PROVISIONING, step("redis.create", StepState.RUNNING, null), step("postgres.create", StepState.PENDING, null)));
    printer.update(status(Phase.PROVISIONING, step("redis.create", StepState.DONE, 250L), step("postgres.create", StepState.DONE, 1200L)));

    assertThat(out.toString().lines().toList()).containsExactly(
        "  … redis.create",
        "== PROVISIONING",
        "  ✓ redis.create                 0.25s  ok",
        "  … postgres.create",
        "  ✓ postgres.create              1.20s  ok");
  }

  @Test
  void printsWhatALongStepWaitsForEachTimeItChanges() {
    printer.update(status(Phase.PROVISIONING, running("postgres.ready", null)));
    printer.update(status(Phase.PROVISIONING, running("postgres.ready", "Supabase project COMING_UP, 10s")));
    printer.update(status(Phase.PROVISIONING, running("postgres.ready", "Supabase project COMING_UP, 10s")));
    printer.update(status(Phase.PROVISIONING, running("postgres.ready", "Supabase project COMING_UP, 20s")));

    assertThat(out.toString().lines().toList()).containsExactly(
        "  … postgres.ready",
        "== PROVISIONING",
        "  … postgres.ready                      Supabase project COMING_UP, 10s",
        "  … postgres.ready                      Supabase project COMING_UP, 20s");
  }

  @Test
  void showsHowToApproveWhileWaitingForApproval() {
    EnvironmentStatus waiting = new EnvironmentStatus("env-a-prod", Phase.AWAITING_APPROVAL, List.of(), List.of(),
        new ApprovalStatus(true, "WAITING", List.of("ana@example.com"), null, null, 0L, List.of("postgres: schema version 3")),
        List.of());

    printer.update(waiting);

    assertThat(out.toString())
        .contains("== AWAITING_APPROVAL", "postgres: schema version 3", "envflow approve env-a-prod --as ana@example.com");
  }

  private static StepStatus step(String name, StepState state, Long duration) {
    return new StepStatus(name, state, 0L, duration, state == StepState.DONE ? "ok" : null, null);
  }

  private static StepStatus running(String name, String detail) {
    return new StepStatus(name, StepState.RUNNING, 0L, null, detail, null);
  }

  private static EnvironmentStatus status(Phase phase, StepStatus... steps) {
    return new EnvironmentStatus("env-a-b", phase, List.of(steps), List.of(), null, List.of());
  }
}
