package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.worker.embedded.LocalDataServices;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Temporal UI / {@code temporal} CLI path: a plain client on the embedded server's loopback port (no codec,
 * like the UI) starts {@code ProvisionEnvironment} on task queue {@code envflow} with the spec as plain JSON and
 * sends the {@code approve} signal with the UI's {@code {"by", "reason"}} payload.
 */
class TemporalUiPathTest extends EnvflowSpringTest {

  private static final int TEMPORAL_PORT = freePort();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static WorkflowServiceStubs stubs;

  @Autowired TestRestTemplate http;
  @Autowired Inventory inventory;
  @Autowired LocalDataServices data;
  @Autowired Path stateDirectory;

  @DynamicPropertySource
  static void exposeTemporal(DynamicPropertyRegistry registry) {
    registry.add("envflow.embedded.temporal-port", () -> TEMPORAL_PORT);
  }

  @BeforeEach
  void admin() {
    authenticateAsAdmin(http);
  }

  @AfterAll
  static void closeStubs() {
    if (stubs != null) {
      stubs.shutdownNow();
    }
  }

  @Test
  void aPlainJsonStartAndAnApproveSignalFromTheUiBringTheEnvironmentToActive() throws Exception {
    ObjectNode spec = EndToEndTest.example("synckairos-production-local.json");
    spec.put("environment", "ui-path");
    ((ObjectNode) spec.get("paas")).put("app", "synckairos-ui-path");
    String id = "env-synckairos-ui-path";
    WorkflowStub workflow = uiClient().newUntypedWorkflowStub("ProvisionEnvironment",
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue("envflow").build());

    workflow.start(spec);
    await().atMost(Duration.ofMinutes(2)).until(() -> phase(id).equals("AWAITING_APPROVAL"));
    workflow.signal("approve", Map.of("by", "ana@example.com", "reason", "staging green"));

    await().atMost(Duration.ofMinutes(2)).until(() -> phase(id).equals("ACTIVE"));
    JsonNode status = http.getForObject("/api/environments/" + id, JsonNode.class);
    assertThat(status.path("approval").path("decidedBy").asText()).isEqualTo("ana@example.com");

    http.delete("/api/environments/" + id);
    await().atMost(Duration.ofMinutes(2)).until(() -> phase(id).equals("TORN_DOWN"));
    assertThat(new Leftovers(data, stateDirectory).of("synckairos-ui-path")).isEmpty();
  }

  @Test
  void aMalformedSpecStartedFromTheUiFailsAtOnceCreatingNothing() {
    ObjectNode bad = JSON.createObjectNode().put("app", "Bad App").put("environment", "ui-bad");
    bad.putObject("redis").put("provider", "upstsh");
    WorkflowStub workflow = uiClient().newUntypedWorkflowStub("ProvisionEnvironment",
        WorkflowOptions.newBuilder().setWorkflowId("env-ui-bad").setTaskQueue("envflow").build());

    workflow.start(bad);
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
        workflow.getResult(30, TimeUnit.SECONDS, JsonNode.class));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(inventory.listEnvironments()).extracting(e -> e.id()).doesNotContain("env-ui-bad", "env-bad-app-ui-bad");
  }

  private String phase(String id) {
    return http.getForObject("/api/environments/" + id, JsonNode.class).path("phase").asText();
  }

  /** A client as the UI or the temporal CLI is: the loopback port, the default namespace, no codec. */
  private static synchronized WorkflowClient uiClient() {
    if (stubs == null) {
      stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + TEMPORAL_PORT).build());
    }
    return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
