package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.inventory.AuditEntry;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.ResourceRecord;
import dev.envflow.activities.nop.NopLedger;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.worker.embedded.LocalDataServices;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.TeardownEnvironmentWorkflow;
import dev.envflow.workflows.model.ProvisionResult;
import dev.envflow.workflows.model.TeardownRequest;
import dev.envflow.workflows.model.TeardownResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5 of the fault-injection suite (docs/RELIABILITY.md): envflow's inventory database — which also holds the
 * secret store — goes away for ten seconds while environments are being provisioned with the local PostgreSQL and
 * Redis. The steps wait and retry, every environment becomes ACTIVE, nothing is recorded twice, and teardown leaves
 * nothing behind.
 */
class InventoryOutageFaultTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INVENTORY = "outage_inventory";
  private static final long OUTAGE_MILLIS = 10_000;
  @Test
  void theInventoryDownForTenSecondsDelaysProvisioningAndLosesOrDoublesNothing() throws Exception {
    int runs = ChaosReport.size(3, 8);
    PostgresAdminConfig postgres = LocalServices.postgres();
    LocalServices.redis();
    Path state = Files.createTempDirectory("envflow-outage");
    try (PausableTcpProxy database = new PausableTcpProxy(postgres.host(), postgres.port());
        StandaloneEnvflow envflow = StandaloneEnvflow.start(state, "in-process", INVENTORY, "127.0.0.1:" + database.port())) {
      WorkflowClient client = envflow.client();
      Inventory inventory = envflow.bean(Inventory.class);
      List<String> names = new ArrayList<>();
      Map<String, CompletableFuture<ProvisionResult>> results = new LinkedHashMap<>();
      for (int i = 0; i < runs; i++) {
        ObjectNode spec = spec("outage-" + i);
        String name = spec.path("app").asText() + "-" + spec.path("environment").asText();
        ProvisionEnvironmentWorkflow workflow = client.newWorkflowStub(ProvisionEnvironmentWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId("env-" + name).setTaskQueue("envflow").build());
        WorkflowClient.start(workflow::provision, spec);
        names.add(name);
        results.put(name, client.newUntypedWorkflowStub("env-" + name).getResultAsync(ProvisionResult.class));
      }
      Thread.sleep(1500);
      long outageStart = System.nanoTime();
      database.pause();
      Thread.sleep(OUTAGE_MILLIS);
      database.resume();
      long outageMillis = (System.nanoTime() - outageStart) / 1_000_000;

      int succeeded = 0;
      List<String> wrong = new ArrayList<>();
      for (String name : names) {
        ProvisionResult result = results.get(name).get(10, TimeUnit.MINUTES);
        List<ResourceRecord> rows = inventory.resources("env-" + name);
        List<AuditEntry> audit = inventory.auditLog("env-" + name);
        long requested = audit.stream().filter(entry -> entry.action().equals("requested")).count();
        long activated = audit.stream().filter(entry -> entry.action().equals("activated")).count();
        boolean recordedOnce = rows.size() == 6 && rows.stream().map(r -> r.resource().kind()).distinct().count() == 6
            && requested == 1 && activated == 1;
        if (result.phase().name().equals("ACTIVE") && recordedOnce) {
          succeeded++;
        } else {
          wrong.add(name + ": " + result.phase() + ", " + rows.size() + " resource rows, audit " + audit.stream()
              .map(AuditEntry::action).toList());
        }
      }
      int leaked = 0;
      for (String name : names) {
        TeardownEnvironmentWorkflow teardown = client.newWorkflowStub(TeardownEnvironmentWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId("teardown-env-" + name).setTaskQueue("envflow").build());
        WorkflowClient.start(teardown::teardown, new TeardownRequest("env-" + name, "chaos", "scenario 5"));
        WorkflowStub.fromTyped(teardown).getResult(5, TimeUnit.MINUTES, TeardownResult.class);
        leaked += envflow.bean(NopLedger.class).live(name).size() + inventory.liveResources("env-" + name).size()
            + new Leftovers(envflow.bean(LocalDataServices.class), state, INVENTORY).of(name).size();
      }
      ChaosReport.line("5-inventory-down-10s", runs, succeeded, leaked,
          Map.of("outageMs", outageMillis, "wrong", wrong));
      assertThat(wrong).isEmpty();
      assertThat(succeeded).isEqualTo(runs);
      assertThat(leaked).isZero();
    } finally {
      LocalServices.deleteRecursively(state);
    }
  }

  /**
   * While the inventory is away, {@code GET /api/environments/{id}} answers from the workflow: an environment being
   * provisioned, and one that is ACTIVE (whose status says the inventory could not be read); 503 only for an
   * environment nothing can answer for.
   */
  @Test
  void theApiAnswersFromTheWorkflowWhileTheInventoryIsDown() throws Exception {
    PostgresAdminConfig postgres = LocalServices.postgres();
    LocalServices.redis();
    Path state = Files.createTempDirectory("envflow-outage-api");
    try (PausableTcpProxy database = new PausableTcpProxy(postgres.host(), postgres.port());
        // the inventory counts as unreachable after 2 s without a connection instead of 30 s
        StandaloneEnvflow envflow = StandaloneEnvflow.start(state, "in-process", INVENTORY + "_api",
            "127.0.0.1:" + database.port(), "--envflow.inventory.connection-timeout=PT2S")) {
      WorkflowClient client = envflow.client();
      String active = "chaos-api-active";
      String running = "chaos-api-running";
      start(client, allNop("api-active", null)).get(5, TimeUnit.MINUTES);
      CompletableFuture<ProvisionResult> slow = start(client, allNop("api-running", "PT1S"));
      awaitPhaseIn(envflow, "env-" + running, java.util.Set.of("PROVISIONING"));

      database.pause();
      java.net.http.HttpResponse<String> activeAnswer;
      java.net.http.HttpResponse<String> runningAnswer;
      java.net.http.HttpResponse<String> unknownAnswer;
      try {
        activeAnswer = get(envflow, "/api/environments/env-" + active);
        runningAnswer = get(envflow, "/api/environments/env-" + running);
        unknownAnswer = get(envflow, "/api/environments/env-chaos-never-provisioned");
      } finally {
        database.resume();
      }

      assertThat(activeAnswer.statusCode()).as(activeAnswer.body()).isEqualTo(200);
      assertThat(JSON.readTree(activeAnswer.body()).path("phase").asText()).isEqualTo("ACTIVE");
      assertThat(JSON.readTree(activeAnswer.body()).path("errors").toString())
          .contains("not read: the inventory is unreachable");
      assertThat(JSON.readTree(activeAnswer.body()).path("resources")).hasSize(6);
      assertThat(runningAnswer.statusCode()).as(runningAnswer.body()).isEqualTo(200);
      assertThat(JSON.readTree(runningAnswer.body()).path("phase").asText()).isEqualTo("PROVISIONING");
      assertThat(unknownAnswer.statusCode()).as(unknownAnswer.body()).isEqualTo(503);
      assertThat(unknownAnswer.body()).contains("inventory is unreachable");

      assertThat(slow.get(5, TimeUnit.MINUTES).phase().name()).isEqualTo("ACTIVE");
      java.net.http.HttpResponse<String> afterwards = get(envflow, "/api/environments/env-" + active);
      assertThat(JSON.readTree(afterwards.body()).path("errors")).isEmpty();
      for (String name : List.of(active, running)) {
        TeardownEnvironmentWorkflow teardown = client.newWorkflowStub(TeardownEnvironmentWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId("teardown-env-" + name).setTaskQueue("envflow").build());
        WorkflowClient.start(teardown::teardown, new TeardownRequest("env-" + name, "chaos", "api during outage"));
        WorkflowStub.fromTyped(teardown).getResult(5, TimeUnit.MINUTES, TeardownResult.class);
        assertThat(envflow.bean(NopLedger.class).live(name)).isEmpty();
      }
    } finally {
      LocalServices.deleteRecursively(state);
      StandaloneEnvflow.adminExecute("DROP DATABASE IF EXISTS " + INVENTORY + "_api WITH (FORCE)");
    }
  }

  private static CompletableFuture<ProvisionResult> start(WorkflowClient client, ObjectNode spec) {
    String id = "env-" + spec.path("app").asText() + "-" + spec.path("environment").asText();
    ProvisionEnvironmentWorkflow workflow = client.newWorkflowStub(ProvisionEnvironmentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue("envflow").build());
    WorkflowClient.start(workflow::provision, spec);
    return client.newUntypedWorkflowStub(id).getResultAsync(ProvisionResult.class);
  }

  private static void awaitPhaseIn(StandaloneEnvflow envflow, String id, java.util.Set<String> phases) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).pollInterval(java.time.Duration.ofMillis(100))
        .until(() -> phases.contains(JSON.readTree(get(envflow, "/api/environments/" + id).body()).path("phase").asText()));
  }

  private static java.net.http.HttpResponse<String> get(StandaloneEnvflow envflow, String path) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(envflow.api(path))
            .header("Authorization", "Bearer " + StandaloneEnvflow.ADMIN_TOKEN).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** Every kind on nop; {@code latency} per step when given. */
  private static ObjectNode allNop(String environment, String latency) {
    ObjectNode spec = JSON.createObjectNode().put("app", "chaos").put("environment", environment);
    for (String kind : List.of("redis", "postgres", "monitoring", "paas")) {
      spec.putObject(kind).put("provider", "nop");
    }
    ObjectNode nop = spec.putObject("nop");
    if (latency != null) {
      nop.put("latency", latency);
    }
    return spec;
  }

  /** The local PostgreSQL and Redis for real; monitoring and PaaS on nop, a second per step, so the outage hits mid-way. */
  private static ObjectNode spec(String environment) {
    ObjectNode spec = JSON.createObjectNode().put("app", "chaos").put("environment", environment);
    spec.putObject("redis").put("provider", "local");
    spec.putObject("postgres").put("provider", "local").put("migrations", "classpath:migrations/synckairos");
    spec.putObject("monitoring").put("provider", "nop");
    spec.putObject("paas").put("provider", "nop");
    spec.putObject("nop").put("latency", "PT1S");
    return spec;
  }
}
