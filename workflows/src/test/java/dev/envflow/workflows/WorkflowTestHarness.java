package dev.envflow.workflows;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.workflows.activities.InventoryActivities;
import dev.envflow.workflows.activities.MonitoringActivities;
import dev.envflow.workflows.activities.NotificationActivities;
import dev.envflow.workflows.activities.PaasActivities;
import dev.envflow.workflows.activities.PostgresActivities;
import dev.envflow.workflows.activities.PreflightActivities;
import dev.envflow.workflows.activities.RedisActivities;
import dev.envflow.workflows.activities.SmokeTestActivities;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.MigrationReport;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.ResourceKind;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A time-skipping Temporal test environment with every activity mocked. Creates answer at once; every
 * create and delete is written to {@link #calls} in the order it happened.
 */
final class WorkflowTestHarness implements AutoCloseable {

  static final String TASK_QUEUE = "envflow";
  static final String NAME = "synckairos-test";

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final PreflightActivities preflight = mock(PreflightActivities.class, withSettings().withoutAnnotations());
  final InventoryActivities inventory = mock(InventoryActivities.class, withSettings().withoutAnnotations());
  final NotificationActivities notify = mock(NotificationActivities.class, withSettings().withoutAnnotations());
  final RedisActivities redis = mock(RedisActivities.class, withSettings().withoutAnnotations());
  final PostgresActivities postgres = mock(PostgresActivities.class, withSettings().withoutAnnotations());
  final MonitoringActivities monitoring = mock(MonitoringActivities.class, withSettings().withoutAnnotations());
  final PaasActivities paas = mock(PaasActivities.class, withSettings().withoutAnnotations());
  final SmokeTestActivities smoke = mock(SmokeTestActivities.class, withSettings().withoutAnnotations());

  WorkflowTestHarness() {
    when(preflight.checkProviders(any())).thenReturn(List.of());
    when(redis.createRedisUser(any())).thenAnswer(i -> created(ResourceKind.REDIS_USER));
    when(redis.redisReadiness(any(), anyLong())).thenReturn(Readiness.immediately("ready"));
    when(postgres.postgresReadiness(any(), anyLong())).thenReturn(Readiness.immediately("ready"));
    when(redis.validateRedis(any())).thenReturn(new CheckReport("redis", List.of("PING: PONG", "SET/GET: ok")));
    when(postgres.createDatabase(any())).thenAnswer(i -> created(ResourceKind.POSTGRES_DATABASE));
    when(postgres.migrateDatabase(any(), anyString())).thenReturn(new MigrationReport(List.of("1", "2", "3"), "3"));
    when(postgres.validateDatabase(any(), anyString())).thenReturn(new CheckReport("postgres", List.of("version: PostgreSQL 14")));
    when(monitoring.createContactPoints(any())).thenAnswer(i -> created(ResourceKind.CONTACT_POINTS));
    when(monitoring.createDashboards(any())).thenAnswer(i -> created(ResourceKind.DASHBOARDS));
    when(monitoring.createAlertRules(any())).thenAnswer(i -> created(ResourceKind.ALERT_RULES));
    when(monitoring.metricsFlowing(any(), anyLong())).thenReturn(Readiness.immediately("flowing"));
    when(paas.setSecrets(any(), any())).thenAnswer(i -> created(ResourceKind.SECRETS));
    when(paas.deploy(any(), any())).thenReturn(new DeployReport("deployed"));
    when(smoke.runSmokeTests(any())).thenReturn(new CheckReport("smoke", List.of("GET /health: 200 in 3 ms")));
    when(smoke.runLoadTest(any())).thenReturn(new CheckReport("load", List.of("GET /health: 600 requests, p95 4 ms")));
    when(paas.rollbackDeploy(any(), any())).thenAnswer(i -> {
      calls.add("undo DEPLOY");
      return new DeployReport("machines back on their previous image");
    });
    doAnswer(i -> deleted(i.getArgument(0))).when(redis).deleteRedisUser(any());
    doAnswer(i -> deleted(i.getArgument(0))).when(postgres).deleteDatabase(any());
    doAnswer(i -> deleted(i.getArgument(0))).when(monitoring).deleteMonitoringResource(any());
    when(paas.deleteSecrets(any())).thenAnswer(i -> {
      deleted(i.getArgument(0));
      return List.of();
    });

    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ProvisionEnvironmentWorkflowImpl.class, TeardownEnvironmentWorkflowImpl.class);
    worker.registerActivitiesImplementations(preflight, inventory, notify, redis, postgres, monitoring, paas, smoke);
    env.start();
  }

  private Resource created(ResourceKind kind) {
    calls.add("create " + kind);
    return new Resource(kind.name(), "local", NAME, NAME, "somewhere/" + kind.name().toLowerCase());
  }

  private Void deleted(Resource resource) {
    calls.add("delete " + resource.kind());
    return null;
  }

  List<String> deletes() {
    return calls.stream().filter(c -> c.startsWith("delete ")).map(c -> c.substring("delete ".length())).toList();
  }

  private static final java.util.Map<String, String> CREATE_ACTIVITIES = java.util.Map.of(
      "CreateRedisUser", "REDIS_USER", "CreateDatabase", "POSTGRES_DATABASE", "CreateContactPoints", "CONTACT_POINTS",
      "CreateDashboards", "DASHBOARDS", "CreateAlertRules", "ALERT_RULES", "SetSecrets", "SECRETS");

  /** The kinds whose create the workflow scheduled, in the order it scheduled them (its compensation order, reversed). */
  List<String> scheduledCreates() {
    return client().fetchHistory("env-" + NAME).getEvents().stream()
        .filter(io.temporal.api.history.v1.HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .filter(CREATE_ACTIVITIES::containsKey)
        .map(CREATE_ACTIVITIES::get)
        .toList();
  }

  WorkflowClient client() {
    return env.getWorkflowClient();
  }

  ProvisionEnvironmentWorkflow newWorkflow() {
    return client().newWorkflowStub(ProvisionEnvironmentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("env-" + NAME).setTaskQueue(TASK_QUEUE).build());
  }

  /** A valid non-production spec named {@link #NAME}. */
  static ObjectNode spec() {
    ObjectNode spec = new ObjectMapper().createObjectNode();
    spec.put("app", "synckairos").put("environment", "test").put("requestedBy", "dev@example.com");
    return spec;
  }

  /** A production spec that needs approval by ana or ops. */
  static ObjectNode productionSpec() {
    ObjectNode spec = spec();
    spec.put("tier", "production");
    spec.putObject("approval").put("timeout", "PT72H").putArray("approvers").add("ana@example.com").add("ops@example.com");
    return spec;
  }

  /** A production spec for Fly with an extra secret key, a smoke suite and a load step. */
  static ObjectNode flyProductionSpec() {
    ObjectNode spec = productionSpec();
    ObjectNode paas = spec.putObject("paas").put("provider", "fly").put("image", "registry.fly.io/synckairos:1.4.2");
    paas.putArray("secrets").add("JWT_SECRET");
    spec.putObject("smoke").put("baseUrl", "https://synckairos-test.fly.dev").put("suite", "synckairos")
        .putObject("load").put("rate", 5).put("duration", "PT5S");
    return spec;
  }

  @Override
  public void close() {
    env.close();
  }
}
