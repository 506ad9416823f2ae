package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.redis.RedisAdminConfig;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.worker.embedded.LocalDataServices;
import dev.envflow.worker.embedded.LoopbackGrpcForwarder;
import dev.envflow.worker.security.TestKeys;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testserver.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Two workers with their own state directories on one Temporal server and one inventory database: what the
 * first creates, the second — which never saw its files — adopts with the same credentials, read from the
 * shared secret store, and tears down without leaving a stored secret behind.
 */
class TwoWorkersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String INVENTORY = "two_workers_inventory";
  private static final String ID = "env-synckairos-two";
  private static final String ADMIN_TOKEN = "two-workers-admin-token";

  @TempDir Path stateA;
  @TempDir Path stateB;

  private TestServer.InProcessTestServer temporal;
  private LoopbackGrpcForwarder temporalPort;

  @BeforeEach
  void sharedTemporalAndDatabase() throws Exception {
    temporal = TestServer.createServer(true);
    temporalPort = LoopbackGrpcForwarder.start(0, temporal.getChannel());
    adminExecute("DROP DATABASE IF EXISTS " + INVENTORY + " WITH (FORCE)");
    adminExecute("CREATE DATABASE " + INVENTORY);
  }

  @AfterEach
  void stopShared() throws Exception {
    temporalPort.close();
    temporal.close();
    adminExecute("DROP DATABASE IF EXISTS " + INVENTORY + " WITH (FORCE)");
  }

  @Test
  void aSecondWorkerAdoptsWhatTheFirstCreatedWithTheSameCredentialsAndTearsItDown() throws Exception {
    Path envA = stateA.resolve("environments/synckairos-two/.env");
    Path envB = stateB.resolve("environments/synckairos-two/.env");
    List<String> credentialsFromA;
    try (ConfigurableApplicationContext workerA = worker("worker-A", stateA)) {
      assertThat(provision(workerA)).isEqualTo("ACTIVE");
      assertThat(activityWorkers(workerA)).containsExactly("worker-A");
      credentialsFromA = Files.readAllLines(envA);
    }
    assertThat(credentialsFromA).anyMatch(line -> line.startsWith("DATABASE_URL=")).anyMatch(line -> line.startsWith("REDIS_URL="));

    try (ConfigurableApplicationContext workerB = worker("worker-B", stateB)) {
      assertThat(provision(workerB)).isEqualTo("ACTIVE");
      assertThat(activityWorkers(workerB)).containsExactly("worker-B");
      assertThat(Files.readAllLines(envB)).as("the credentials worker-B wrote are the ones worker-A created")
          .containsExactlyElementsOf(credentialsFromA);
      assertThat(storedSecretNames()).contains("POSTGRES_DATABASE/synckairos-two", "REDIS_USER/synckairos-two");

      assertThat(send(HttpRequest.newBuilder(api(workerB, "/api/environments/" + ID)).DELETE()).statusCode())
          .isEqualTo(202);
      workerB.getBean(WorkflowClient.class).newUntypedWorkflowStub("teardown-" + ID)
          .getResult(60, TimeUnit.SECONDS, JsonNode.class);
      assertThat(new Leftovers(workerB.getBean(LocalDataServices.class), stateB, INVENTORY).of("synckairos-two")).isEmpty();
      assertThat(storedSecretNames()).isEmpty();
    }
  }

  /**
   * Both workers running at once: eight environments started through either API are worked on by both, each step
   * landing wherever a worker polls first — possible because credentials live in the shared store. The local
   * PaaS writes its dotenv file on the machine that ran the secrets step, so these specs have no deploy command.
   */
  @Test
  void twoWorkersAtOnceShareTheStepsOfEnvironmentsStartedThroughEitherApi() throws Exception {
    try (ConfigurableApplicationContext workerA = worker("worker-A", stateA);
        ConfigurableApplicationContext workerB = worker("worker-B", stateB)) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ConfigurableApplicationContext api = i % 2 == 0 ? workerA : workerB;
        ids.add(start(api, "both" + i));
      }
      Set<String> identities = new java.util.HashSet<>();
      for (String id : ids) {
        assertThat(awaitFinal(workerA, id)).as(id).isEqualTo("ACTIVE");
        identities.addAll(taskWorkers(workerA, id));
      }
      assertThat(identities).as("who ran the workflow and activity tasks of the eight environments")
          .containsExactlyInAnyOrder("worker-A", "worker-B");

      for (String id : ids) {
        send(HttpRequest.newBuilder(api(workerB, "/api/environments/" + id)).DELETE());
        workerB.getBean(WorkflowClient.class).newUntypedWorkflowStub("teardown-" + id).getResult(60, TimeUnit.SECONDS, JsonNode.class);
        String name = id.substring("env-".length());
        // the local PaaS and monitoring providers write files on the machine that ran the step (docs/OPERATIONS.md,
        // "Scaling workers"): only the shared data — PostgreSQL, Redis, the secret store — must be gone everywhere
        assertThat(new Leftovers(workerB.getBean(LocalDataServices.class), stateB, INVENTORY).of(name))
            .as(name).filteredOn(leftover -> !leftover.startsWith("file ")).isEmpty();
      }
      assertThat(storedSecretNames()).isEmpty();
    }
  }

  private String start(ConfigurableApplicationContext worker, String environment) throws Exception {
    ObjectNode spec = (ObjectNode) JSON.readTree(Path.of("..", "examples", "synckairos-local.json").toFile());
    spec.put("environment", environment);
    ((ObjectNode) spec.get("paas")).put("app", "synckairos-" + environment).remove("deployCommand");
    HttpResponse<String> started = send(HttpRequest.newBuilder(api(worker, "/api/environments"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(spec.toString())));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    return "env-synckairos-" + environment;
  }

  private String awaitFinal(ConfigurableApplicationContext worker, String id) {
    String[] phase = new String[1];
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
      phase[0] = JSON.readTree(send(HttpRequest.newBuilder(api(worker, "/api/environments/" + id)).GET()).body())
          .path("phase").asText();
      return Set.of("ACTIVE", "ROLLED_BACK", "FAILED").contains(phase[0]);
    });
    return phase[0];
  }

  private ConfigurableApplicationContext worker(String identity, Path stateDir) {
    PostgresAdminConfig postgres = LocalServices.postgres();
    RedisAdminConfig redis = LocalServices.redis();
    String postgresAdmin = "postgresql://" + encode(postgres.adminUser()) + ":" + encode(postgres.adminPassword())
        + "@" + postgres.host() + ":" + postgres.port() + "/";
    return new SpringApplicationBuilder(EnvflowApplication.class, Identity.class).run(
        "--server.port=0",
        "--test.worker-identity=" + identity,
        "--ENVFLOW_ADMIN_TOKEN=" + ADMIN_TOKEN,
        "--envflow.state-dir=" + stateDir,
        "--spring.temporal.connection.target=127.0.0.1:" + temporalPort.address().getPort(),
        "--envflow.database-url=" + postgresAdmin + INVENTORY,
        "--envflow.postgres.admin-url=" + postgresAdmin + postgres.adminDatabase(),
        "--envflow.redis.admin-url=redis://" + encode(redis.adminUser()) + ":" + encode(redis.adminPassword()) + "@"
            + redis.host() + ":" + redis.port(),
        "--envflow.embedded.probe-localhost=false",
        "--envflow.encryption.codec-keys=" + TestKeys.entry("shared", 11),
        "--envflow.encryption.secret-keys=" + TestKeys.entry("shared", 12));
  }

  /** Gives each worker its own Temporal identity, which the history records on every activity it runs. */
  @Configuration(proxyBeanMethods = false)
  static class Identity {
    @Bean
    TemporalOptionsCustomizer<WorkflowClientOptions.Builder> workerIdentity(Environment environment) {
      return builder -> builder.setIdentity(environment.getRequiredProperty("test.worker-identity"));
    }
  }

  private String provision(ConfigurableApplicationContext worker) throws Exception {
    ObjectNode spec = (ObjectNode) JSON.readTree(Path.of("..", "examples", "synckairos-local.json").toFile());
    spec.put("environment", "two");
    ((ObjectNode) spec.get("paas")).put("app", "synckairos-two");
    HttpResponse<String> started = send(HttpRequest.newBuilder(api(worker, "/api/environments"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(spec.toString())));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String[] phase = new String[1];
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
      phase[0] = JSON.readTree(send(HttpRequest.newBuilder(api(worker, "/api/environments/" + ID)).GET()).body())
          .path("phase").asText();
      return Set.of("ACTIVE", "ROLLED_BACK", "FAILED").contains(phase[0]);
    });
    return phase[0];
  }

  /** Who ran the activities of the latest provisioning run. */
  private static Set<String> activityWorkers(ConfigurableApplicationContext worker) {
    return activityWorkers(worker, ID);
  }

  private static Set<String> activityWorkers(ConfigurableApplicationContext worker, String id) {
    List<HistoryEvent> events = worker.getBean(WorkflowClient.class).fetchHistory(id).getEvents();
    Set<String> identities = events.stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
        .map(event -> event.getActivityTaskStartedEventAttributes().getIdentity())
        .collect(Collectors.toSet());
    assertThat(events.stream().filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED))
        .hasSizeGreaterThan(5);
    return identities;
  }

  /** Who ran the workflow tasks and the activities of a provisioning (steps land wherever a worker polls first). */
  private static Set<String> taskWorkers(ConfigurableApplicationContext worker, String id) {
    return worker.getBean(WorkflowClient.class).fetchHistory(id).getEvents().stream()
        .map(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
            ? event.getActivityTaskStartedEventAttributes().getIdentity()
            : event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED
                ? event.getWorkflowTaskStartedEventAttributes().getIdentity() : null)
        .filter(java.util.Objects::nonNull)
        .collect(Collectors.toSet());
  }

  private static List<String> storedSecretNames() throws Exception {
    PostgresAdminConfig postgres = LocalServices.postgres();
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(INVENTORY), postgres.adminUser(), postgres.adminPassword());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT name FROM secrets ORDER BY name")) {
      List<String> names = new ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI api(ConfigurableApplicationContext worker, String path) {
    int port = ((WebServerApplicationContext) worker).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String encode(String value) {
    return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void adminExecute(String sql) throws Exception {
    PostgresAdminConfig postgres = LocalServices.postgres();
    try (Connection admin = DriverManager.getConnection(
            postgres.jdbcUrl(postgres.adminDatabase()), postgres.adminUser(), postgres.adminPassword());
        Statement statement = admin.createStatement()) {
      statement.execute(sql);
    }
  }
}
