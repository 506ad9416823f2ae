package dev.envflow.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.fakes.FakeFlyMachinesApi;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.InventoryActivitiesImpl;
import dev.envflow.activities.monitoring.MonitoringActivitiesImpl;
import dev.envflow.activities.monitoring.MonitoringProviders;
import dev.envflow.activities.paas.LocalPaasProvider;
import dev.envflow.activities.paas.PaasActivitiesImpl;
import dev.envflow.activities.paas.fly.FlyConfig;
import dev.envflow.activities.paas.fly.FlyPaasProvider;
import dev.envflow.activities.paas.fly.FlyTimings;
import dev.envflow.activities.postgres.LocalPostgresProvider;
import dev.envflow.activities.postgres.PostgresActivitiesImpl;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.preflight.LocalPreflightActivities;
import dev.envflow.activities.preflight.ProviderCatalog;
import dev.envflow.activities.redis.LocalRedisProvider;
import dev.envflow.activities.redis.RedisActivitiesImpl;
import dev.envflow.activities.redis.RedisAdminConfig;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.smoke.HttpSmokeTestActivities;
import dev.envflow.activities.smoke.LoadRunner;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.activities.testing.SynckairosTestApp;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.ProvisionEnvironmentWorkflowImpl;
import dev.envflow.workflows.TeardownEnvironmentWorkflow;
import dev.envflow.workflows.TeardownEnvironmentWorkflowImpl;
import dev.envflow.workflows.activities.NotificationActivities;
import dev.envflow.workflows.model.Decision;
import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import dev.envflow.workflows.model.StepState;
import dev.envflow.workflows.model.StepStatus;
import dev.envflow.workflows.model.TeardownRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A production rollout to Fly from start to end, on the in-process Temporal server with envflow's real activities:
 * the inventory and the data resources on the embedded PostgreSQL and Redis (local providers), monitoring files,
 * the Fly provider against the Machines API fake, and the smoke suite and load step against a synckairos stand-in
 * that the fake "runs": whenever a machine starts, the app restarts with the secrets that machine got from Fly.
 */
class FlyRolloutEndToEndTest {

  private static final String TASK_QUEUE = "envflow-fly-e2e";
  private static final String OLD = "registry.fly.io/synckairos:1.4.1";
  private static final String NEW = "registry.fly.io/synckairos:1.4.2";
  private static final String BROKEN = "registry.fly.io/synckairos:1.5.0-broken";
  private static final String JWT = "jwt-from-the-worker";

  private final String environment = "prod" + UUID.randomUUID().toString().substring(0, 6);
  private final String name = "synckairos-" + environment;
  private final String inventoryDatabase = "inventory_" + environment;
  private final FakeFlyMachinesApi fly = FakeFlyMachinesApi.start();
  private final SynckairosTestApp app = SynckairosTestApp.start("synckairos");
  private final List<String> notifications = new CopyOnWriteArrayList<>();
  private Path state;
  private HikariDataSource inventoryData;
  private TestWorkflowEnvironment temporal;
  private List<String> machines;

  @BeforeEach
  void start() throws Exception {
    state = Files.createTempDirectory("envflow-fly-e2e");
    SecretStore secrets = new FileSecretStore(state.resolve("secrets"));
    adminSql("CREATE DATABASE " + inventoryDatabase);
    PostgresAdminConfig pg = LocalServices.postgres();
    inventoryData = new HikariDataSource();
    inventoryData.setJdbcUrl(pg.jdbcUrl(inventoryDatabase));
    inventoryData.setUsername(pg.adminUser());
    inventoryData.setPassword(pg.adminPassword());
    Inventory inventory = new Inventory(inventoryData);
    inventory.migrate();

    fly.existingApp(name);
    machines = fly.runningMachines(name, 2, OLD);
    fly.imageNeverStarts("registry.fly.io/synckairos:never");
    fly.onMachineStarted(started -> {
      if (started.secrets().containsKey("DATABASE_URL") && started.secrets().containsKey("REDIS_URL")) {
        app.configure(started.secrets().get("DATABASE_URL"), started.secrets().get("REDIS_URL"));
        app.failing("/v1/sessions", started.image().equals(BROKEN) ? 500 : 0);
      } else {
        app.unconfigure();
      }
    });

    ProviderVariables variables = new ProviderVariables(Map.of("JWT_SECRET", JWT)::get);
    FlyPaasProvider flyProvider = new FlyPaasProvider(new FlyConfig(FakeFlyMachinesApi.TOKEN, "personal", fly.baseUrl()),
        secrets, variables, new FlyTimings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(20)),
        Duration.ofMillis(10), pause -> sleep(pause), FlyRolloutEndToEndTest::currentRun);
    ProviderCatalog catalog = new ProviderCatalog(new ArrayList<>(ProviderCatalog.localOnly().providers()) {{
        add(ProviderAvailability.ready("paas", "fly"));
      }});
    NotificationActivities notify = new NotificationActivities() {
      @Override
      public void notifyApprovers(dev.envflow.workflows.spec.EnvironmentSpec spec, String message) {
        notifications.add(message);
      }

      @Override
      public void sendNotification(dev.envflow.workflows.spec.EnvironmentSpec spec,
          dev.envflow.workflows.model.Notification notification) {
        notifications.add(notification.toString());
      }
    };

    temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    Worker worker = temporal.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ProvisionEnvironmentWorkflowImpl.class, TeardownEnvironmentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new LocalPreflightActivities(catalog, variables),
        new InventoryActivitiesImpl(inventory),
        notify,
        new RedisActivitiesImpl(List.of(new LocalRedisProvider(LocalServices.redis(), secrets))),
        new PostgresActivitiesImpl(List.of(new LocalPostgresProvider(LocalServices.postgres(), secrets)), secrets),
        new MonitoringActivitiesImpl(MonitoringProviders.configured(variables, state)),
        new PaasActivitiesImpl(List.of(new LocalPaasProvider(state, secrets), flyProvider)),
        new HttpSmokeTestActivities(HttpClient.newHttpClient(), Duration.ofSeconds(2), 5, Duration.ofMillis(200),
            new LoadRunner()));
    temporal.start();
  }

  @AfterEach
  void stop() throws Exception {
    temporal.close();
    app.close();
    fly.close();
    inventoryData.close();
    adminSql("DROP DATABASE IF EXISTS " + inventoryDatabase + " WITH (FORCE)");
    LocalServices.deleteRecursively(state);
  }

  private ObjectNode productionSpec(String image) {
    ObjectNode spec = new ObjectMapper().createObjectNode()
        .put("app", "synckairos").put("environment", environment).put("tier", "production")
        .put("requestedBy", "dev@example.com");
    spec.putObject("postgres").put("migrations", "classpath:migrations/synckairos");
    spec.putObject("paas").put("provider", "fly").put("image", image).putArray("secrets").add("JWT_SECRET");
    spec.putObject("smoke").put("baseUrl", app.baseUrl()).put("suite", "synckairos")
        .putObject("load").put("rate", 10).put("duration", "PT1S").put("p95Ms", 2000).put("errorRate", 0.05);
    spec.putObject("approval").put("timeout", "PT1H").putArray("approvers").add("ana@example.com");
    return spec;
  }

  private ProvisionEnvironmentWorkflow startProvisioning(ObjectNode spec) {
    ProvisionEnvironmentWorkflow workflow = temporal.getWorkflowClient().newWorkflowStub(ProvisionEnvironmentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("env-" + name).setTaskQueue(TASK_QUEUE).build());
    WorkflowClient.start(workflow::provision, spec);
    return workflow;
  }

  @Test
  void productionWaitsWithTheFlyAppUntouchedThenRollsOutAndVerifies() throws Exception {
    ProvisionEnvironmentWorkflow workflow = startProvisioning(productionSpec(NEW));
    awaitPhase(workflow, Phase.AWAITING_APPROVAL);

    assertThat(fly.calls()).as("nothing reaches Fly before the approval").isEmpty();
    assertThat(Files.exists(state.resolve("environments"))).as("no local secrets file either").isFalse();
    EnvironmentStatus waiting = workflow.status();
    assertThat(waiting.approval().evidence()).contains(
        "rollout: fly app " + name + " deploys image " + NEW,
        "rollout: secret keys to set (names only): REDIS_URL, DATABASE_URL, JWT_SECRET");
    assertThat(waiting.approval().evidence()).anySatisfy(e -> assertThat(e).startsWith("redis: PING"))
        .anySatisfy(e -> assertThat(e).startsWith("postgres: schema version"));
    for (int i = 0; i < 100 && notifications.isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertThat(notifications).singleElement().asString().contains(NEW, "REDIS_URL, DATABASE_URL, JWT_SECRET");
    assertThat(waiting.toString()).doesNotContain(JWT).doesNotContain("postgresql://synckairos");

    workflow.approve(new Decision("ana@example.com", "staging green"));
    ProvisionResult result = WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.SECONDS, ProvisionResult.class);

    assertThat(result.phase()).as(workflow.status().toString()).isEqualTo(Phase.ACTIVE);
    assertThat(fly.machineImages(name).values()).containsOnly(NEW);
    assertThat(fly.secretValues(name)).containsOnlyKeys("REDIS_URL", "DATABASE_URL", "JWT_SECRET")
        .containsEntry("JWT_SECRET", JWT);
    machines.forEach(id -> assertThat(fly.machineEnv(name, id)).containsKeys("REDIS_URL", "DATABASE_URL"));
    assertThat(app.sessionsWritten()).as("the suite wrote a session through the app's secrets").isGreaterThanOrEqualTo(1);
    assertThat(result.reports()).anySatisfy(r -> assertThat(r).startsWith("smoke: POST /v1/sessions: 201"))
        .anySatisfy(r -> assertThat(r).startsWith("load: GET /health at 10/s for 1s"));
    assertThat(step(workflow.status(), "deploy").detail()).contains("2 machine(s) updated one at a time to " + NEW);
    assertThat(result.toString()).doesNotContain(JWT);

    TeardownEnvironmentWorkflow teardown = temporal.getWorkflowClient().newWorkflowStub(TeardownEnvironmentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("teardown-env-" + name).setTaskQueue(TASK_QUEUE).build());
    teardown.teardown(new TeardownRequest("env-" + name, "ana@example.com", "test over"));
    assertThat(fly.secretValues(name)).isEmpty();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aFailedSmokeSuiteAfterDeployPutsTheAppBackThenRollsEverythingBack() throws Exception {
    fly.existingSecret(name, "JWT_SECRET", "the-app-owners-own-jwt");
    ProvisionEnvironmentWorkflow workflow = startProvisioning(productionSpec(BROKEN));
    awaitPhase(workflow, Phase.AWAITING_APPROVAL);
    assertThat(fly.calls()).isEmpty();

    workflow.approve(new Decision("ana@example.com", "go"));
    Throwable thrown = catchThrowable(() -> WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.SECONDS, ProvisionResult.class));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(thrown.getCause()).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.getType()).isEqualTo(FailureType.SMOKE_TEST_FAILED.name());
      assertThat(failure.getOriginalMessage()).startsWith("smoke failed: smoke test failed: POST /v1/sessions: 500");
    });
    EnvironmentStatus status = workflow.status();
    assertThat(status.phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(step(status, "deploy").state()).isEqualTo(StepState.COMPENSATED);
    assertThat(step(status, "deploy").detail()).contains("unset REDIS_URL, DATABASE_URL", "back on " + OLD);
    assertThat(fly.machineImages(name).values()).containsOnly(OLD);
    machines.forEach(id -> assertThat(fly.machineEnv(name, id)).doesNotContainKeys("REDIS_URL", "DATABASE_URL"));
    assertThat(fly.secretValues(name)).containsOnlyKeys("JWT_SECRET");
    assertThat(status.errors()).anySatisfy(e -> assertThat(e)
        .startsWith("secrets: JWT_SECRET existed on fly app " + name + " before envflow set it"));
    assertThat(fly.hasApp(name)).as("an adopted app is never deleted").isTrue();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aMachineThatNeverStartsFailsTheDeployAndTheRestIsRolledBack() throws Exception {
    ProvisionEnvironmentWorkflow workflow = startProvisioning(productionSpec("registry.fly.io/synckairos:never"));
    awaitPhase(workflow, Phase.AWAITING_APPROVAL);
    workflow.approve(new Decision("ana@example.com", "go"));

    Throwable thrown = catchThrowable(() -> WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.SECONDS, ProvisionResult.class));

    assertThat(thrown.getCause()).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.getType()).isEqualTo(FailureType.DEPLOY_FAILED.name());
      assertThat(failure.getOriginalMessage()).startsWith("deploy failed: fly: machine " + machines.get(0) + " (1 of 2)")
          .contains("its state is stopped");
    });
    assertThat(fly.machineImages(name).values()).containsOnly(OLD);
    assertThat(fly.secretValues(name)).isEmpty();
    assertThat(calls("POST", "/machines/" + machines.get(1))).as("the second machine was never updated").isEmpty();
    assertThat(workflow.status().phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(leftovers()).isEmpty();
  }

  private List<FakeFlyMachinesApi.Call> calls(String method, String pathPart) {
    return fly.calls().stream().filter(c -> c.method().equals(method) && c.path().contains(pathPart)).toList();
  }

  /** The environment's PostgreSQL database and role, Redis user and keys, and local files, as the admin sees them. */
  private List<String> leftovers() throws Exception {
    List<String> found = new ArrayList<>();
    String identifier = name.replace('-', '_');
    PostgresAdminConfig pg = LocalServices.postgres();
    try (Connection admin = DriverManager.getConnection(pg.jdbcUrl(pg.adminDatabase()), pg.adminUser(), pg.adminPassword());
        Statement statement = admin.createStatement();
        ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname = '" + identifier
            + "' UNION ALL SELECT rolname FROM pg_roles WHERE rolname = '" + identifier + "'")) {
      while (rows.next()) {
        found.add("postgres " + rows.getString(1));
      }
    }
    RedisAdminConfig redis = LocalServices.redis();
    try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
      jedis.auth(redis.adminUser(), redis.adminPassword());
      jedis.aclUsers().stream().filter(u -> u.equals(name)).forEach(u -> found.add("redis user " + u));
      jedis.keys(name + ":*").forEach(k -> found.add("redis key " + k));
    }
    try (var files = Files.walk(state)) {
      files.filter(Files::isRegularFile).filter(p -> state.relativize(p).toString().contains(name))
          .forEach(p -> found.add("file " + state.relativize(p)));
    }
    return found;
  }

  private void awaitPhase(ProvisionEnvironmentWorkflow workflow, Phase phase) throws InterruptedException {
    for (int i = 0; i < 600 && workflow.status().phase() != phase; i++) {
      Thread.sleep(100);
    }
    assertThat(workflow.status().phase()).as(workflow.status().toString()).isEqualTo(phase);
  }

  private static StepStatus step(EnvironmentStatus status, String name) {
    return status.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static String currentRun() {
    var info = io.temporal.activity.Activity.getExecutionContext().getInfo();
    return info.getWorkflowId() + "/" + info.getRunId();
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void adminSql(String sql) throws Exception {
    PostgresAdminConfig pg = LocalServices.postgres();
    try (Connection admin = DriverManager.getConnection(pg.jdbcUrl(pg.adminDatabase()), pg.adminUser(), pg.adminPassword());
        Statement statement = admin.createStatement()) {
      statement.execute(sql);
    }
  }
}
