package dev.envflow.activities.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.InventoryActivitiesImpl;
import dev.envflow.activities.notify.SlackOrLogNotificationActivities;
import dev.envflow.activities.paas.LocalPaasProvider;
import dev.envflow.activities.paas.PaasActivitiesImpl;
import dev.envflow.activities.postgres.LocalPostgresProvider;
import dev.envflow.activities.postgres.PostgresActivitiesImpl;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.preflight.LocalPreflightActivities;
import dev.envflow.activities.preflight.ProviderCatalog;
import dev.envflow.activities.redis.LocalRedisProvider;
import dev.envflow.activities.redis.RedisActivitiesImpl;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.smoke.HttpSmokeTestActivities;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.ProvisionEnvironmentWorkflowImpl;
import dev.envflow.workflows.TeardownEnvironmentWorkflow;
import dev.envflow.workflows.TeardownEnvironmentWorkflowImpl;
import dev.envflow.workflows.model.TeardownRequest;
import dev.envflow.workflows.model.TeardownResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The whole ProvisionEnvironment workflow on a time-skipping test server with the real activities: the inventory on
 * the test PostgreSQL, local Redis and PostgreSQL providers, local PaaS, the monitoring providers configured from
 * {@code variables} (so pointed at the fakes), Slack-or-log notifications. Time spent waiting on timers (the metrics
 * check) is skipped; the metrics check measures its timeout on the test server's clock.
 */
final class ProvisioningWithFakes implements AutoCloseable {

  static final String TASK_QUEUE = "envflow";
  private static final String INVENTORY_DATABASE = "monitoring_workflows_test";
  private static Inventory inventory;

  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  final Path state;
  final String environment = "mon" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

  ProvisioningWithFakes(Map<String, String> variables) {
    try {
      state = Files.createTempDirectory("envflow-monitoring-workflow");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FileSecretStore secrets = new FileSecretStore(state.resolve("secrets"));
    ProviderVariables provider = new ProviderVariables(variables::get);
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ProvisionEnvironmentWorkflowImpl.class, TeardownEnvironmentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new LocalPreflightActivities(new ProviderCatalog(java.util.stream.Stream.concat(
            ProviderCatalog.localOnly().providers().stream(),
            java.util.stream.Stream.of(dev.envflow.activities.cloud.ProviderAvailability.ready("monitoring", "grafana"),
                dev.envflow.activities.cloud.ProviderAvailability.ready("monitoring", "datadog"))).toList())),
        new InventoryActivitiesImpl(inventory()),
        new RedisActivitiesImpl(List.of(new LocalRedisProvider(LocalServices.redis(), secrets))),
        new PostgresActivitiesImpl(List.of(new LocalPostgresProvider(LocalServices.postgres(), secrets)), secrets),
        new MonitoringActivitiesImpl(MonitoringProviders.configured(provider, state, Duration.ofSeconds(15), testClock())),
        new PaasActivitiesImpl(List.of(new LocalPaasProvider(state, secrets))),
        new HttpSmokeTestActivities(),
        new SlackOrLogNotificationActivities(HttpClient.newHttpClient(), variables::get));
    env.start();
  }

  /** {@code synckairos} / a unique environment, local everywhere but monitoring, deployed by {@code deployCommand}. */
  ObjectNode spec(String monitoringProvider, String deployCommand) {
    ObjectNode spec = new ObjectMapper().createObjectNode();
    spec.put("app", "synckairos").put("environment", environment).put("requestedBy", "dev@example.com");
    ObjectNode monitoring = spec.putObject("monitoring").put("provider", monitoringProvider).put("metricPrefix", "synckairos");
    ObjectNode contacts = monitoring.putObject("contacts").put("slackWebhookSecret", "SLACK_WEBHOOK_URL");
    contacts.putArray("emails").add("alerts@example.com");
    spec.putObject("paas").put("provider", "local").put("deployCommand", deployCommand);
    return spec;
  }

  String id() {
    return "env-synckairos-" + environment;
  }

  String name() {
    return "synckairos-" + environment;
  }

  ProvisionEnvironmentWorkflow workflow() {
    return env.getWorkflowClient().newWorkflowStub(ProvisionEnvironmentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id()).setTaskQueue(TASK_QUEUE).build());
  }

  TeardownResult teardown() {
    TeardownEnvironmentWorkflow teardown = env.getWorkflowClient().newWorkflowStub(TeardownEnvironmentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("teardown-" + id()).setTaskQueue(TASK_QUEUE).build());
    return teardown.teardown(new TeardownRequest(id(), "dev@example.com", "test over"));
  }

  WorkflowClient client() {
    return env.getWorkflowClient();
  }

  private Clock testClock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(env.currentTimeMillis());
      }
    };
  }

  private static synchronized Inventory inventory() {
    if (inventory == null) {
      PostgresAdminConfig postgres = LocalServices.postgres();
      try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()),
          postgres.adminUser(), postgres.adminPassword()); Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + INVENTORY_DATABASE + " WITH (FORCE)");
        statement.execute("CREATE DATABASE " + INVENTORY_DATABASE);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create the inventory database", e);
      }
      HikariDataSource dataSource = new HikariDataSource();
      dataSource.setJdbcUrl(postgres.jdbcUrl(INVENTORY_DATABASE));
      dataSource.setUsername(postgres.adminUser());
      dataSource.setPassword(postgres.adminPassword());
      dataSource.setMaximumPoolSize(4);
      inventory = new Inventory(dataSource);
      inventory.migrate();
    }
    return inventory;
  }

  @Override
  public void close() {
    env.close();
    LocalServices.deleteRecursively(state);
  }
}
