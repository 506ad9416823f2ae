package dev.envflow.activities.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.fakes.FakeSlack;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.model.Decision;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Notifications through the whole workflow: the approval message, and a Slack that fails never failing the workflow. */
class SlackWorkflowTest {

  private final FakeSlack slack = new FakeSlack();
  private final ProvisioningWithFakes harness = new ProvisioningWithFakes(Map.of(
      "SLACK_WEBHOOK_URL", slack.webhookUrl(), "ENVFLOW_SERVER", "https://envflow.example.com"));

  @AfterEach
  void stop() {
    harness.close();
    slack.close();
  }

  @Test
  void approversGetTheExactCommandsAndEveryoneHearsWhenItIsActive() {
    ObjectNode spec = harness.spec("local", "true");
    spec.put("tier", "production");
    spec.putObject("approval").put("timeout", "PT24H").putArray("approvers").add("ana@example.com");
    ProvisionEnvironmentWorkflow workflow = harness.workflow();
    WorkflowClient.start(workflow::provision, spec);
    while (workflow.status().phase() != Phase.AWAITING_APPROVAL) {
      harness.env.sleep(Duration.ofSeconds(1));
    }
    while (slack.texts().isEmpty()) {
      harness.env.sleep(Duration.ofMillis(200));
    }

    assertThat(slack.texts().get(0)).contains("May approve: ana@example.com",
        "`ENVFLOW_TOKEN=YOUR_TOKEN envflow approve " + harness.id() + " --reason \"why\" --server https://envflow.example.com`",
        "curl -X POST https://envflow.example.com/api/environments/" + harness.id() + "/approve",
        "• redis: ", "• postgres: schema version");

    workflow.approve(new Decision("ana@example.com", "looks good"));

    assertThat(WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class).phase()).isEqualTo(Phase.ACTIVE);
    assertThat(slack.texts()).hasSize(2);
    assertThat(slack.texts().get(1)).startsWith(":white_check_mark: " + harness.id() + " is ACTIVE");
    harness.teardown();
  }

  @Test
  void aSlackAnswering500IsTriedTwiceAndTheEnvironmentStillBecomesActive() {
    slack.answer(500, 500);

    ProvisionResult result = harness.workflow().provision(harness.spec("local", "true"));

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(slack.texts()).as("two attempts, then given up").hasSize(2)
        .allSatisfy(text -> assertThat(text).contains(harness.id() + " is ACTIVE"));
    harness.teardown();
  }

  @Test
  void aRateLimitedMessageIsDeliveredOnTheSecondAttempt() {
    slack.answer(429);

    ProvisionResult result = harness.workflow().provision(harness.spec("local", "true"));

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(slack.texts()).hasSize(2);
    harness.teardown();
  }
}
