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
