package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.worker.embedded.InterruptedEnvironments;
import dev.envflow.worker.embedded.LocalDataServices;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.spec.SpecParser;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Environments the inventory shows mid-way with no workflow (envflow died with its embedded Temporal server)
 * are resumed from their stored spec on start; the status of one not resumed says so and how to tear it down.
 */
class ResumeTest extends EnvflowSpringTest {

  @Autowired TestRestTemplate http;
  @Autowired Inventory inventory;
  @Autowired InterruptedEnvironments interrupted;
  @Autowired WorkflowClient client;
  @Autowired LocalDataServices data;
  @Autowired Path stateDirectory;

  @BeforeEach
  void admin() {
    authenticateAsAdmin(http);
  }

  @Test
  void anEnvironmentLeftProvisioningIsResumedToActiveAndTheAuditSaysWhy() throws Exception {
    ObjectNode json = EndToEndTest.example("synckairos-local.json");
    json.put("environment", "resumed");
    ((ObjectNode) json.get("paas")).put("app", "synckairos-resumed");
    inventory.recordEnvironment(SpecParser.parse(json).spec(), Phase.PROVISIONING);
    String id = "env-synckairos-resumed";
    assertThat(http.getForObject("/api/environments/" + id, JsonNode.class).path("errors").toString())
        .contains("no workflow is running " + id, "envflow teardown " + id);

    assertThat(interrupted.resume()).contains(id);

    await().atMost(Duration.ofMinutes(2)).until(() ->
        http.getForObject("/api/environments/" + id, JsonNode.class).path("phase").asText().equals("ACTIVE"));
    assertThat(inventory.auditLog(id)).anySatisfy(entry -> {
      assertThat(entry.action()).isEqualTo("resumed");
      assertThat(entry.reason()).contains("lost the workflow while provisioning");
    });
    assertThat(interrupted.resume()).as("nothing left to resume").doesNotContain(id);
    tearDown(id, "synckairos-resumed");
  }

  @Test
  void anEnvironmentLeftWaitingForApprovalWaitsForItAgain() throws Exception {
    ObjectNode json = EndToEndTest.example("synckairos-production-local.json");
    json.put("environment", "resumed-prod");
    ((ObjectNode) json.get("paas")).put("app", "synckairos-resumed-prod");
    inventory.recordEnvironment(SpecParser.parse(json).spec(), Phase.AWAITING_APPROVAL);
    String id = "env-synckairos-resumed-prod";

    assertThat(interrupted.resume()).contains(id);

    await().atMost(Duration.ofMinutes(2)).until(() -> http.getForObject("/api/environments/" + id, JsonNode.class)
        .path("phase").asText().equals("AWAITING_APPROVAL"));
    tearDown(id, "synckairos-resumed-prod");
  }

  @Test
  void anApprovalGivenBeforeTheRestartIsNotAskedForAgain() throws Exception {
    ObjectNode json = EndToEndTest.example("synckairos-production-local.json");
    json.put("environment", "resumed-approved");
    ((ObjectNode) json.get("paas")).put("app", "synckairos-resumed-approved");
    String id = "env-synckairos-resumed-approved";
    inventory.recordEnvironment(SpecParser.parse(json).spec(), Phase.DEPLOYING);
    inventory.recordAudit(id, "requested", "dev@example.com", null);
    inventory.recordAudit(id, "approved", "ana@example.com", "staging green");

    assertThat(interrupted.resume()).contains(id);

    await().atMost(Duration.ofMinutes(2)).until(() ->
        http.getForObject("/api/environments/" + id, JsonNode.class).path("phase").asText().equals("ACTIVE"));
    JsonNode approval = http.getForObject("/api/environments/" + id, JsonNode.class).path("approval");
    assertThat(approval.path("decidedBy").asText()).isEqualTo("ana@example.com");
    assertThat(approval.path("reason").asText()).isEqualTo("staging green (approved before envflow restarted)");
    tearDown(id, "synckairos-resumed-approved");
  }

  @Test
  void anApprovalGivenBeforeANewRequestDoesNotCount() {
    String id = "env-synckairos-rerequested";
    inventory.recordAudit(id, "requested", "dev@example.com", null);
    inventory.recordAudit(id, "approved", "ana@example.com", "old spec");
    inventory.recordAudit(id, "requested", "dev@example.com", null);

    assertThat(interrupted.approvalsGiven(id)).isEmpty();
  }

  private void tearDown(String id, String name) throws Exception {
    http.delete("/api/environments/" + id);
    await().atMost(Duration.ofMinutes(2)).until(() -> List.of("TORN_DOWN", "ROLLED_BACK")
        .contains(http.getForObject("/api/environments/" + id, JsonNode.class).path("phase").asText()));
    if (inventory.findEnvironment(id).map(r -> r.phase() != Phase.TORN_DOWN).orElse(false)) {
      http.delete("/api/environments/" + id);
      client.newUntypedWorkflowStub("teardown-" + id).getResult(60, java.util.concurrent.TimeUnit.SECONDS, JsonNode.class);
    }
    assertThat(new Leftovers(data, stateDirectory).of(name)).isEmpty();
  }
}
