package dev.envflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.workflows.model.Decision;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Notification;
import dev.envflow.workflows.model.NotificationEvent;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class NotificationWorkflowTest {

  private final WorkflowTestHarness harness = new WorkflowTestHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  private List<Notification> sent() {
    ArgumentCaptor<Notification> notifications = ArgumentCaptor.forClass(Notification.class);
    verify(harness.notify, org.mockito.Mockito.atLeast(0)).sendNotification(any(), notifications.capture());
    return notifications.getAllValues();
  }

  @Test
  void anActiveEnvironmentIsAnnouncedOnceWithItsResources() {
    harness.newWorkflow().provision(WorkflowTestHarness.spec());

    assertThat(sent()).singleElement().satisfies(notification -> {
      assertThat(notification.event()).isEqualTo(NotificationEvent.ACTIVE);
      assertThat(notification.environmentId()).isEqualTo("env-synckairos-test");
      assertThat(notification.requestedBy()).isEqualTo("dev@example.com");
      assertThat(notification.details()).hasSize(6)
          .contains("dashboards (local): synckairos-test at somewhere/dashboards");
    });
  }

  @Test
  void approversAreToldWhoMayApproveUntilWhenAndWhatWasValidated() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.productionSpec());
    while (workflow.status().phase() != Phase.AWAITING_APPROVAL) {
      harness.env.sleep(Duration.ofSeconds(1));
    }

    Notification waiting = sent().get(0);
    assertThat(waiting.event()).isEqualTo(NotificationEvent.AWAITING_APPROVAL);
    assertThat(waiting.approvers()).containsExactly("ana@example.com", "ops@example.com");
    assertThat(waiting.deadlineMs()).isEqualTo(workflow.status().approval().deadlineMs());
    assertThat(waiting.details()).contains("redis: PING: PONG", "postgres: schema version 3");

    workflow.approve(new Decision("ana@example.com", "staging green"));
    WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class);
    assertThat(sent()).extracting(Notification::event)
        .containsExactly(NotificationEvent.AWAITING_APPROVAL, NotificationEvent.ACTIVE);
  }

  @Test
  void aRejectionIsAnnouncedAsARollbackWithTheReason() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.productionSpec());
    while (workflow.status().phase() != Phase.AWAITING_APPROVAL) {
      harness.env.sleep(Duration.ofSeconds(1));
    }

    workflow.reject(new Decision("ops@example.com", "not today"));

    assertThat(WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class).phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(sent()).extracting(Notification::event)
        .containsExactly(NotificationEvent.AWAITING_APPROVAL, NotificationEvent.ROLLED_BACK);
    assertThat(sent().get(1).reason()).isEqualTo("rejected by ops@example.com: not today");
  }

  @Test
  void aFailureIsAnnouncedWithWhatFailedAndARollbackThatLeftSomethingSaysSo() {
    ObjectNode spec = WorkflowTestHarness.spec();
    spec.putObject("smoke").put("baseUrl", "https://synckairos-test.example.com");
    when(harness.smoke.runSmokeTests(any())).thenThrow(ApplicationFailure.newNonRetryableFailure(
        "GET /health answered 503", FailureType.SMOKE_TEST_FAILED.name()));
    doThrow(ApplicationFailure.newNonRetryableFailure("Grafana answered 403", FailureType.BAD_CREDENTIALS.name()))
        .when(harness.monitoring).deleteMonitoringResource(any());

    catchThrowable(() -> harness.newWorkflow().provision(spec));

    assertThat(sent()).singleElement().satisfies(notification -> {
      assertThat(notification.event()).isEqualTo(NotificationEvent.ROLLBACK_INCOMPLETE);
      assertThat(notification.reason()).isEqualTo("smoke failed: GET /health answered 503");
      assertThat(notification.details()).hasSize(3).allSatisfy(line -> assertThat(line).contains("Grafana answered 403"));
    });
  }

  @Test
  void aNotificationThatCannotBeDeliveredIsTriedTwiceAndNeverFailsTheWorkflow() {
    doThrow(new IllegalStateException("the Slack webhook in SLACK_WEBHOOK_URL answered 500"))
        .when(harness.notify).sendNotification(any(), any());

    ProvisionResult result = harness.newWorkflow().provision(WorkflowTestHarness.spec());

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    verify(harness.notify, times(2)).sendNotification(any(), any());
  }
}
