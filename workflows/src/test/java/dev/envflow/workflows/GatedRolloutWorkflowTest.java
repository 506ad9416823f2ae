package dev.envflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.envflow.workflows.model.Decision;
import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import dev.envflow.workflows.model.StepState;
import dev.envflow.workflows.model.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The rollout after the data resources: approval first, then secrets, deploy, smoke suite and load step. */
class GatedRolloutWorkflowTest {

  private final WorkflowTestHarness harness = new WorkflowTestHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void productionTouchesNothingOnThePaasBeforeApprovalAndShowsApproversWhatWillChange() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.flyProductionSpec());
    awaitPhase(workflow, Phase.AWAITING_APPROVAL);

    verifyNoInteractions(harness.paas, harness.smoke);
    assertThat(workflow.status().approval().evidence()).contains(
        "rollout: fly app synckairos-test deploys image registry.fly.io/synckairos:1.4.2",
        "rollout: secret keys to set (names only): REDIS_URL, DATABASE_URL, JWT_SECRET",
        "redis: PING: PONG", "postgres: schema version 3");
    assertThat(step(workflow.status(), Steps.SECRETS).state()).isEqualTo(StepState.PENDING);

    workflow.approve(new Decision("ana@example.com", "staging green"));
    ProvisionResult result = WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class);

    ArgumentCaptor<dev.envflow.workflows.model.Notification> message =
        ArgumentCaptor.forClass(dev.envflow.workflows.model.Notification.class);
    verify(harness.notify, org.mockito.Mockito.atLeastOnce()).sendNotification(any(), message.capture());
    assertThat(message.getAllValues()).filteredOn(n -> n.event() == dev.envflow.workflows.model.NotificationEvent.AWAITING_APPROVAL)
        .singleElement().satisfies(n -> assertThat(n.details()).contains(
            "rollout: fly app synckairos-test deploys image registry.fly.io/synckairos:1.4.2",
            "rollout: secret keys to set (names only): REDIS_URL, DATABASE_URL, JWT_SECRET", "postgres: schema version 3"));

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    InOrder order = inOrder(harness.inventory, harness.paas, harness.smoke);
    order.verify(harness.inventory).recordAudit("env-synckairos-test", "approved", "ana@example.com", "staging green");
    order.verify(harness.paas).setSecrets(any(), any());
    order.verify(harness.paas).deploy(any(), any());
    order.verify(harness.smoke).runSmokeTests(any());
    order.verify(harness.smoke).runLoadTest(any());
    assertThat(result.reports()).containsExactly("smoke: GET /health: 200 in 3 ms", "load: GET /health: 600 requests, p95 4 ms");
    assertThat(step(workflow.status(), Steps.SMOKE).detail()).isEqualTo("GET /health: 200 in 3 ms");
    assertThat(step(workflow.status(), Steps.LOAD).state()).isEqualTo(StepState.DONE);
    assertThat(harness.calls).doesNotContain("undo DEPLOY");
  }

  @Test
  void aFailedSmokeSuiteRollsTheDeployBackBeforeTheRestOfTheSaga() {
    when(harness.smoke.runSmokeTests(any())).thenThrow(ApplicationFailure.newNonRetryableFailure(
        "smoke test failed: POST /v1/sessions: 500 in 12 ms, body: {\"error\":\"no table\"}",
        FailureType.SMOKE_TEST_FAILED.name()));
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.flyProductionSpec());
    awaitPhase(workflow, Phase.AWAITING_APPROVAL);
    workflow.approve(new Decision("ops@example.com", "go"));

    Throwable thrown = catchThrowable(() -> WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo(FailureType.SMOKE_TEST_FAILED.name());
    assertThat(failure.getOriginalMessage()).startsWith("smoke failed: smoke test failed: POST /v1/sessions: 500");
    List<String> rollback = harness.calls.subList(harness.calls.indexOf("undo DEPLOY"), harness.calls.size());
    assertThat(rollback.subList(0, 2)).containsExactly("undo DEPLOY", "delete SECRETS");
    assertThat(rollback).hasSize(7);
    EnvironmentStatus status = workflow.status();
    assertThat(status.phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(step(status, Steps.DEPLOY).state()).isEqualTo(StepState.COMPENSATED);
    assertThat(step(status, Steps.DEPLOY).detail()).isEqualTo("rolled back: machines back on their previous image");
    assertThat(step(status, Steps.SMOKE).state()).isEqualTo(StepState.FAILED);
    assertThat(step(status, Steps.LOAD).state()).isEqualTo(StepState.PENDING);
    verify(harness.smoke, org.mockito.Mockito.never()).runLoadTest(any());
  }

  @Test
  void keysWhosePreviousValueCannotBeRestoredAreReportedByName() {
    String note = "JWT_SECRET existed on fly app synckairos-test before envflow set it; its previous value cannot be"
        + " restored (Fly secret values are write-only)";
    org.mockito.Mockito.doReturn(List.of(note)).when(harness.paas).deleteSecrets(any());
    org.mockito.Mockito.doThrow(ApplicationFailure.newNonRetryableFailure(
        "machine 3d8d9 did not start: state stopped", FailureType.DEPLOY_FAILED.name())).when(harness.paas).deploy(any(), any());

    catchThrowable(() -> harness.newWorkflow().provision(WorkflowTestHarness.spec()));

    EnvironmentStatus status = harness.client().newWorkflowStub(ProvisionEnvironmentWorkflow.class, "env-synckairos-test").status();
    assertThat(status.errors()).contains("secrets: " + note);
    assertThat(step(status, Steps.SECRETS).detail()).isEqualTo("rolled back: " + note);
    assertThat(status.phase()).isEqualTo(Phase.ROLLED_BACK);
  }

  @Test
  void aDeployThatCannotBePutBackIsReportedAndTheRestIsStillRolledBack() {
    org.mockito.Mockito.doThrow(ApplicationFailure.newNonRetryableFailure(
        "fly: update machine 3d8d9: HTTP 409: lease held", FailureType.CONFLICT.name()))
        .when(harness.paas).rollbackDeploy(any(), any());
    when(harness.smoke.runSmokeTests(any())).thenThrow(ApplicationFailure.newNonRetryableFailure(
        "smoke test failed", FailureType.SMOKE_TEST_FAILED.name()));

    catchThrowable(() -> harness.newWorkflow().provision(WorkflowTestHarness.flyProductionSpec().put("tier", "non-production")
        .set("approval", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode())));

    EnvironmentStatus status = harness.client().newWorkflowStub(ProvisionEnvironmentWorkflow.class, "env-synckairos-test").status();
    assertThat(status.errors()).anySatisfy(e -> assertThat(e).startsWith("could not roll back deploy: fly: update machine 3d8d9")
        .endsWith("; remove by hand: the deploy of app synckairos-test on fly (put its previous release back)"));
    assertThat(harness.deletes()).hasSize(6);
    assertThat(status.phase()).isEqualTo(Phase.ROLLBACK_FAILED);
  }

  @Test
  void nonProductionRollsOutWithoutWaiting() {
    ProvisionResult result = harness.newWorkflow().provision(WorkflowTestHarness.spec());

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    verify(harness.notify, org.mockito.Mockito.never()).notifyApprovers(any(), anyString());
    verify(harness.paas).deploy(any(), any());
    verify(harness.inventory, org.mockito.Mockito.never()).recordAudit(eq("env-synckairos-test"), eq("approved"), any(), any());
  }

  private static StepStatus step(EnvironmentStatus status, String name) {
    return status.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private void awaitPhase(ProvisionEnvironmentWorkflow workflow, Phase phase) {
    for (int i = 0; i < 200 && workflow.status().phase() != phase; i++) {
      harness.env.sleep(Duration.ofSeconds(1));
    }
    assertThat(workflow.status().phase()).isEqualTo(phase);
  }
}
