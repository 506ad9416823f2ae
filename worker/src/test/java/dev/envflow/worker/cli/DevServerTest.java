package dev.envflow.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.monitoring.MonitoringActivitiesImpl;
import dev.envflow.activities.nop.NopLedger;
import dev.envflow.activities.nop.NopProviders;
import dev.envflow.activities.paas.PaasActivitiesImpl;
import dev.envflow.activities.postgres.PostgresActivitiesImpl;
import dev.envflow.activities.preflight.LocalPreflightActivities;
import dev.envflow.activities.preflight.ProviderCatalog;
import dev.envflow.activities.redis.RedisActivitiesImpl;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.ProvisionEnvironmentWorkflowImpl;
import dev.envflow.workflows.activities.InventoryActivities;
import dev.envflow.workflows.activities.NotificationActivities;
import dev.envflow.workflows.model.DecisionRequest;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code envflow dev-server} as its own process: it says its workflows live in its memory, loads no Spring, listens
 * on 127.0.0.1 only, and keeps a workflow while the worker running it is stopped and another one takes over.
 */
class DevServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUEUE = "envflow";

  @TempDir Path secrets;
  private Process server;
  private final StringBuilder output = new StringBuilder();
  private final List<WorkerFactory> workers = new ArrayList<>();
  private WorkflowServiceStubs service;

  @AfterEach
  void stop() throws Exception {
    for (WorkerFactory worker : workers) {
      worker.shutdownNow();
      worker.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (service != null) {
      service.shutdownNow();
    }
    if (server != null) {
      server.destroy();
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the dev-server stops on SIGTERM").isTrue();
    }
  }

  @Test
  void aWorkflowOutlivesTheWorkerThatStartedItAndTheServerListensOnLoopbackOnly() throws Exception {
    int port = freePort();
    server = start("dev-server", "--port", Integer.toString(port));
    awaitOutput("listens on 127.0.0.1:" + port);

    assertThat(output.toString()).contains("Workflows live in this process's memory: stopping it loses every workflow")
        .contains("TEMPORAL_ADDRESS=127.0.0.1:" + port + " envflow serve")
        .doesNotContain("org.springframework.boot.SpringApplication ", "org.springframework.context.");
    assertThat(reachableOn(InetAddress.getLoopbackAddress(), port)).isTrue();
    for (InetAddress other : nonLoopbackAddresses()) {
      assertThat(reachableOn(other, port)).as("listening on " + other.getHostAddress()).isFalse();
    }

    service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    WorkflowClient client = WorkflowClient.newInstance(service);
    WorkerFactory first = nopWorker(client);
    ProvisionEnvironmentWorkflow workflow = client.newWorkflowStub(ProvisionEnvironmentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("env-dev-server-prod").setTaskQueue(QUEUE).build());
    WorkflowClient.start(workflow::provision, productionSpec());
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> workflow.status().phase() == Phase.AWAITING_APPROVAL);

    first.shutdownNow();
    first.awaitTermination(10, TimeUnit.SECONDS);
    nopWorker(client);

    ProvisionEnvironmentWorkflow again = client.newWorkflowStub(ProvisionEnvironmentWorkflow.class, "env-dev-server-prod");
    assertThat(again.status().phase()).as("queried on the second worker").isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(again.decide(new DecisionRequest(DecisionRequest.APPROVE, "ana@example.com", "fine")))
        .isEqualTo("approved by ana@example.com");
    ProvisionResult result = WorkflowStub.fromTyped(again).getResult(60, TimeUnit.SECONDS, ProvisionResult.class);
    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(result.resources()).hasSize(6);
  }

  @Test
  void aTakenPortIsOneLineNamingTheOption() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      server = start("dev-server", "--port", Integer.toString(taken.getLocalPort()));
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200);

      assertThat(server.exitValue()).isEqualTo(ExitCodes.FAILED);
      assertThat(output.toString()).contains("envflow: port " + taken.getLocalPort() + " on 127.0.0.1 is taken")
          .contains("choose another with --port").doesNotContain("\tat ");
      server = null;
    }
  }

  /** A worker in this JVM with the real workflow and the nop providers; inventory and notifications are mocks. */
  private WorkerFactory nopWorker(WorkflowClient client) {
    ProviderVariables variables = new ProviderVariables(Map.of(NopProviders.VARIABLE, "true")::get);
    FileSecretStore store = new FileSecretStore(secrets);
    NopProviders nop = NopProviders.configured(variables, store, new NopLedger());
    List<dev.envflow.activities.cloud.ProviderAvailability> available = new ArrayList<>(ProviderCatalog.localOnly().providers());
    available.addAll(NopProviders.availability(variables));
    WorkerFactory factory = WorkerFactory.newInstance(client);
    var worker = factory.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ProvisionEnvironmentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new LocalPreflightActivities(new ProviderCatalog(available)),
        mock(InventoryActivities.class, withSettings().withoutAnnotations()),
        mock(NotificationActivities.class, withSettings().withoutAnnotations()),
        new RedisActivitiesImpl(nop.redis()), new PostgresActivitiesImpl(nop.postgres(), store),
        new MonitoringActivitiesImpl(nop.monitoring()), new PaasActivitiesImpl(nop.paas()));
    factory.start();
    workers.add(factory);
    return factory;
  }

  private static JsonNode productionSpec() throws IOException {
    return JSON.readTree("{\"app\": \"dev-server\", \"environment\": \"prod\", \"tier\": \"production\","
        + " \"requestedBy\": \"dev@example.com\", \"approval\": {\"approvers\": [\"ana@example.com\"]},"
        + " \"redis\": {\"provider\": \"nop\"}, \"postgres\": {\"provider\": \"nop\"},"
        + " \"monitoring\": {\"provider\": \"nop\"}, \"paas\": {\"provider\": \"nop\"}}");
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), EnvflowMain.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          synchronized (output) {
            output.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return process;
  }

  private void awaitOutput(String text) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
      synchronized (output) {
        return output.toString().contains(text);
      }
    });
  }

  private static boolean reachableOn(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** This machine's IPv4 addresses other than loopback (none in a sandbox without a network is fine). */
  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          addresses.add(address);
        }
      }
    }
    return addresses;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
