package dev.envflow.activities.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.workflows.model.Readiness;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ShortReadinessWaitTest {

  private final List<Duration> pauses = new ArrayList<>();
  private final ShortReadinessWait wait =
      new ShortReadinessWait(Duration.ofSeconds(1), Duration.ofMillis(100), pauses::add);

  @Test
  void waitsOutAPauseShorterThanTheLimitAndLooksAgain() {
    Readiness readiness = wait.look(answers(notReady(95), Readiness.immediately("READY")));

    assertThat(readiness.ready()).isTrue();
    assertThat(pauses).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void leavesALongerPauseToTheWorkflow() {
    Readiness readiness = wait.look(answers(notReady(10_000)));

    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.pollAfterMillis()).isEqualTo(10_000);
    assertThat(pauses).isEmpty();
  }

  @Test
  void waitsNoLongerThanTheLimitInAll() {
    Readiness readiness = wait.look(answers(notReady(400), notReady(400), notReady(400), Readiness.immediately("READY")));

    assertThat(readiness.ready()).isFalse();
    assertThat(pauses).containsExactly(Duration.ofMillis(400), Duration.ofMillis(400));
  }

  @Test
  void noneLooksOnce() {
    Readiness readiness = ShortReadinessWait.NONE.look(answers(notReady(20), Readiness.immediately("READY")));

    assertThat(readiness.ready()).isFalse();
  }

  private static Readiness notReady(long pollAfterMillis) {
    return new Readiness(false, "PENDING", "not yet", pollAfterMillis);
  }

  private static Supplier<Readiness> answers(Readiness... answers) {
    Deque<Readiness> left = new ArrayDeque<>(List.of(answers));
    return left::pop;
  }
}
