package dev.envflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.NotificationEvent;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.StepState;
import dev.envflow.workflows.model.StepStatus;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

class MetricsCheckWorkflowTest {

  private static final List<String> ALL_SIX =
      List.of("REDIS_USER", "POSTGRES_DATABASE", "CONTACT_POINTS", "DASHBOARDS", "ALERT_RULES", "SECRETS");

  private final WorkflowTestHarness harness = new WorkflowTestHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  private static ObjectNode specWithMetricsCheck() {
    ObjectNode spec = WorkflowTestHarness.spec();
    spec.putObject("smoke").put("baseUrl", "https://synckairos-test.example.com");
    spec.putObject("monitoring").putObject("metricsCheck").put("timeout", "PT5M");
    return spec;
  }

  private static Readiness waiting() {
    return new Readiness(false, "no sample", "no sample of synckairos_active_sessions at Prometheus http://prom:9090 yet",
        Duration.ofSeconds(15).toMillis());
  }

  @Test
  void waitsOnTimersAfterTheSmokeTestsUntilASampleArrivesThenBecomesActive() {
    AtomicInteger looks = new AtomicInteger();
    List<Long> sinces = new ArrayList<>();
    when(harness.monitoring.metricsFlowing(any(), anyLong())).thenAnswer(invocation -> {
      sinces.add(invocation.getArgument(1));
      return looks.incrementAndGet() < 4 ? waiting()
          : new Readiness(true, "flowing", "synckairos_active_sessions has samples at Prometheus http://prom:9090", 0);
    });
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();

    ProvisionResult result = workflow.provision(specWithMetricsCheck());

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(looks.get()).isEqualTo(4);
    assertThat(sinces).as("every look counts from the same start").containsOnly(sinces.get(0));
    InOrder order = inOrder(harness.paas, harness.smoke, harness.monitoring, harness.inventory);
    order.verify(harness.paas).deploy(any(), any());
    order.verify(harness.smoke).runSmokeTests(any());
    order.verify(harness.monitoring, org.mockito.Mockito.times(4)).metricsFlowing(any(), anyLong());
    order.verify(harness.inventory).recordPhase("env-synckairos-test", Phase.ACTIVE);
    StepStatus metrics = step(workflow, Steps.METRICS);
    assertThat(metrics.state()).isEqualTo(StepState.DONE);
    assertThat(metrics.detail()).startsWith("synckairos_active_sessions has samples at Prometheus http://prom:9090 after 4");
    ArgumentCaptor<EnvironmentSpec> spec = ArgumentCaptor.forClass(EnvironmentSpec.class);
    verify(harness.monitoring, org.mockito.Mockito.atLeastOnce()).metricsFlowing(spec.capture(), anyLong());
    assertThat(spec.getValue().monitoring().metricsCheck().metric()).isEqualTo("synckairos_active_sessions");
    assertThat(spec.getValue().monitoring().metricsCheck().timeout()).isEqualTo("PT5M");
  }

  @Test
  void statusShowsWhatItWaitsForAndForHowLong() {
    when(harness.monitoring.metricsFlowing(any(), anyLong())).thenReturn(waiting());
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, specWithMetricsCheck());

    harness.env.sleep(Duration.ofMinutes(1).plusSeconds(5));

    assertThat(workflow.status().phase()).isEqualTo(Phase.VERIFYING);
    StepStatus metrics = step(workflow, Steps.METRICS);
    assertThat(metrics.state()).isEqualTo(StepState.RUNNING);
    assertThat(metrics.detail()).startsWith("no sample of synckairos_active_sessions at Prometheus http://prom:9090 yet, 1m0");
  }

  @Test
  void metricsThatNeverArriveRollEverythingBackNamingTheMetric() {
    when(harness.monitoring.metricsFlowing(any(), anyLong())).thenReturn(waiting(), waiting()).thenThrow(
        ApplicationFailure.newNonRetryableFailure("no sample of synckairos_active_sessions at Prometheus"
            + " http://prom:9090 after 5m00s (monitoring.metricsCheck.timeout PT5M)", FailureType.METRICS_NOT_FLOWING.name()));

    Throwable thrown = catchThrowable(() -> harness.newWorkflow().provision(specWithMetricsCheck()));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo(FailureType.METRICS_NOT_FLOWING.name());
    assertThat(failure.getOriginalMessage()).startsWith("metrics failed: no sample of synckairos_active_sessions at Prometheus")
        .contains("rolled back");
    assertThat(harness.deletes()).containsExactlyInAnyOrderElementsOf(ALL_SIX);
    assertThat(harness.deletes().get(0)).isEqualTo("SECRETS");
    verify(harness.inventory).recordPhase("env-synckairos-test", Phase.ROLLED_BACK);
    verify(harness.notify).sendNotification(any(), argThat(n -> n.event() == NotificationEvent.ROLLED_BACK
        && n.reason().contains("synckairos_active_sessions")));
    verify(harness.notify, never()).sendNotification(any(), argThat(n -> n.event() == NotificationEvent.ACTIVE));
  }

  @Test
  void withoutAMetricsCheckTheStepIsSkippedAndNothingIsAsked() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();

    ProvisionResult result = workflow.provision(WorkflowTestHarness.spec());

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    verify(harness.monitoring, never()).metricsFlowing(any(), anyLong());
    assertThat(step(workflow, Steps.METRICS).state()).isEqualTo(StepState.SKIPPED);
    assertThat(step(workflow, Steps.METRICS).detail()).isEqualTo("no monitoring.metricsCheck");
  }

  @Test
  void productionChecksMetricsOnlyAfterTheApproval() {
    ObjectNode spec = WorkflowTestHarness.productionSpec();
    spec.putObject("monitoring").putObject("metricsCheck");
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, spec);
    while (workflow.status().phase() != Phase.AWAITING_APPROVAL) {
      harness.env.sleep(Duration.ofSeconds(1));
    }
    verify(harness.monitoring, never()).metricsFlowing(any(), anyLong());

    workflow.approve(new dev.envflow.workflows.model.Decision("ana@example.com", "ok"));

    assertThat(WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class).phase()).isEqualTo(Phase.ACTIVE);
    verify(harness.monitoring).metricsFlowing(any(), anyLong());
  }

  private static StepStatus step(ProvisionEnvironmentWorkflow workflow, String name) {
    return workflow.status().steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
