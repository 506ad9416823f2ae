package dev.envflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.StepState;
import dev.envflow.workflows.model.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadinessWorkflowTest {

  private final WorkflowTestHarness harness = new WorkflowTestHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void waitsOnTimersUntilTheProviderSaysReadyAndShowsWhatItWaitsFor() {
    AtomicInteger looks = new AtomicInteger();
    List<Long> sinces = new ArrayList<>();
    when(harness.postgres.postgresReadiness(any(), anyLong())).thenAnswer(invocation -> {
      sinces.add(invocation.getArgument(1));
      return looks.incrementAndGet() < 4
          ? new Readiness(false, "COMING_UP", "Supabase project synckairos-test COMING_UP", Duration.ofSeconds(30).toMillis())
          : new Readiness(true, "ACTIVE_HEALTHY", "Supabase project synckairos-test ACTIVE_HEALTHY", 0);
    });

    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    ProvisionResult result = workflow.provision(WorkflowTestHarness.spec());

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(looks.get()).isEqualTo(4);
    assertThat(sinces).as("every look counts from the same start").containsOnly(sinces.get(0));
    StepStatus ready = workflow.status().steps().stream().filter(s -> s.name().equals(Steps.POSTGRES_READY)).findFirst().orElseThrow();
    assertThat(ready.state()).isEqualTo(StepState.DONE);
    assertThat(ready.detail()).startsWith("Supabase project synckairos-test ACTIVE_HEALTHY after 1m3");
    assertThat(ready.durationMs()).isBetween(Duration.ofSeconds(90).toMillis(), Duration.ofSeconds(99).toMillis());
  }

  @Test
  void statusShowsTheProvidersStateAndTheTimeWaitedWhileWaiting() throws Exception {
    when(harness.redis.redisReadiness(any(), anyLong()))
        .thenReturn(new Readiness(false, "pending", "Redis Cloud database synckairos-test pending", 60_000));
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.spec());

    harness.env.sleep(Duration.ofMinutes(2).plusSeconds(5));

    StepStatus ready = workflow.status().steps().stream().filter(s -> s.name().equals(Steps.REDIS_READY)).findFirst().orElseThrow();
    assertThat(ready.state()).isEqualTo(StepState.RUNNING);
    assertThat(ready.detail()).startsWith("Redis Cloud database synckairos-test pending, 2m0");
    verify(harness.redis, atLeast(3)).redisReadiness(any(), anyLong());
  }

  @Test
  void aDeadlinePassedRollsBackWhatWasCreated() {
    when(harness.redis.redisReadiness(any(), anyLong())).thenThrow(ApplicationFailure.newNonRetryableFailure(
        "Upstash database synckairos-test is still pending after 15m", FailureType.PROVIDER_UNAVAILABLE.name()));

    Throwable thrown = catchThrowable(() -> harness.newWorkflow().provision(WorkflowTestHarness.spec()));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(thrown.getCause().getMessage()).contains("redis.ready failed", "still pending after 15m");
    assertThat(harness.deletes()).contains("REDIS_USER", "POSTGRES_DATABASE");
  }
}
