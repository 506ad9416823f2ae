package dev.envflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.workflows.model.DecisionRequest;
import dev.envflow.workflows.model.Notification;
import dev.envflow.workflows.model.NotificationEvent;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The approval policy: a quorum of distinct approvers, a reminder before the timeout, every decision audited. */
class ApprovalPolicyWorkflowTest {

  private final WorkflowTestHarness harness = new WorkflowTestHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aQuorumOfTwoNeedsTwoDistinctApproversAndAuditsEach() {
    ObjectNode spec = WorkflowTestHarness.productionSpec();
    ((ObjectNode) spec.get("approval")).put("quorum", 2);
    ProvisionEnvironmentWorkflow workflow = start(spec);

    String first = workflow.decide(new DecisionRequest("approve", "ana@example.com", "looks good"));
    Throwable twice = catchThrowable(() -> workflow.decide(new DecisionRequest("approve", "ana@example.com", "again")));
    assertThat(workflow.status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
    workflow.decide(new DecisionRequest("approve", "ops@example.com", "agreed"));
    ProvisionResult result = WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class);

    assertThat(first).isEqualTo("approval by ana@example.com recorded: 1 of 2; waiting for 1 more distinct approver(s)");
    assertThat(twice).isInstanceOf(WorkflowUpdateException.class);
    assertThat(twice.getCause().getMessage()).contains("ana@example.com has already approved; 1 more distinct approver(s) needed");
    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(workflow.status().approval().approvedBy()).containsExactly("ana@example.com", "ops@example.com");
    verify(harness.inventory).recordAudit("env-synckairos-test", "approval", "ana@example.com", "1 of 2 approvals");
    verify(harness.inventory).recordAudit("env-synckairos-test", "approved", "ana@example.com, ops@example.com", "agreed");
  }

  @Test
  void oneRejectionRejectsEvenWithAnApprovalGiven() {
    ObjectNode spec = WorkflowTestHarness.productionSpec();
    ((ObjectNode) spec.get("approval")).put("quorum", 2);
    ProvisionEnvironmentWorkflow workflow = start(spec);

    workflow.decide(new DecisionRequest("approve", "ana@example.com", "fine"));
    workflow.decide(new DecisionRequest("reject", "ops@example.com", "not today"));
    ProvisionResult result = WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class);

    assertThat(result.phase()).isEqualTo(Phase.ROLLED_BACK);
    verify(harness.inventory).recordAudit("env-synckairos-test", "rejected", "ops@example.com", "not today");
  }

  @Test
  void theApproversAreRemindedBeforeTheTimeoutAndTheReminderIsAudited() {
    ObjectNode spec = WorkflowTestHarness.productionSpec();
    ((ObjectNode) spec.get("approval")).put("timeout", "PT8H").put("remindBefore", "PT1H");
    ProvisionEnvironmentWorkflow workflow = start(spec);

    harness.env.sleep(Duration.ofHours(6).plusMinutes(50));
    verify(harness.notify, never()).sendNotification(any(),
        org.mockito.ArgumentMatchers.argThat(n -> n != null && n.event() == NotificationEvent.APPROVAL_REMINDER));
    harness.env.sleep(Duration.ofMinutes(20));

    ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
    verify(harness.notify, org.mockito.Mockito.atLeastOnce()).sendNotification(any(), sent.capture());
    assertThat(sent.getAllValues()).filteredOn(n -> n.event() == NotificationEvent.APPROVAL_REMINDER).singleElement()
        .satisfies(n -> assertThat(n.reason()).isEqualTo("0 of 1 approval(s) so far"));
    verify(harness.inventory).recordAudit(eq("env-synckairos-test"), eq("reminded"), eq("envflow"), anyString());

    harness.env.sleep(Duration.ofHours(1));
    assertThat(WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class).phase()).isEqualTo(Phase.ROLLED_BACK);
    verify(harness.inventory, org.mockito.Mockito.atLeastOnce()).recordAudit(eq("env-synckairos-test"), eq("timed_out"), eq("envflow"), anyString());
  }

  @Test
  void anApprovalFromBeforeARestartCountsIfThePolicyStillAllowsItsApprover() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.productionSpec());
    workflow.priorApproval(new dev.envflow.workflows.model.Decision("mallory@example.com", "not listed"));
    workflow.priorApproval(new dev.envflow.workflows.model.Decision("ana@example.com", "staging green"));

    ProvisionResult result = WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class);

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(workflow.status().approval().decidedBy()).isEqualTo("ana@example.com");
    assertThat(result.errors()).anySatisfy(error -> assertThat(error)
        .contains("the approval mallory@example.com gave before envflow restarted does not count"));
    verify(harness.notify, never()).sendNotification(any(),
        org.mockito.ArgumentMatchers.argThat(n -> n != null && n.event() == NotificationEvent.AWAITING_APPROVAL));
  }

  private ProvisionEnvironmentWorkflow start(ObjectNode spec) {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, spec);
    while (workflow.status().phase() != Phase.AWAITING_APPROVAL) {
      harness.env.sleep(Duration.ofSeconds(1));
    }
    return workflow;
  }
}
