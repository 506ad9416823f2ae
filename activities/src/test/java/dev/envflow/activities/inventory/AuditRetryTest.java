package dev.envflow.activities.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.workflows.activities.InventoryActivities;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An audit entry whose INSERT committed but whose answer was lost (the connection died before it came back) is
 * retried by Temporal — and must still be one row. The inventory's connections here lose the answer of the first
 * audit INSERT after committing it, as a database behind a dying network would.
 */
class AuditRetryTest {

  private static final String DATABASE = "audit_retry_test";
  private static final String TASK_QUEUE = "audit-retry";

  private static PostgresAdminConfig postgres;
  private static HikariDataSource dataSource;
  private static final AtomicInteger answersToLose = new AtomicInteger();
  private static final AtomicInteger attempts = new AtomicInteger();

  @WorkflowInterface
  public interface AuditingWorkflow {
    @WorkflowMethod
    void audit(String environmentId);
  }

  /** Writes two audit entries as local activities, the bookkeeping's way, retried like it. */
  public static class AuditingWorkflowImpl implements AuditingWorkflow {
    private final InventoryActivities inventory = Workflow.newLocalActivityStub(InventoryActivities.class,
        LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
            .setScheduleToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100)).build()).build());

    @Override
    public void audit(String environmentId) {
      inventory.recordAudit(environmentId, "requested", "dev@example.com", null);
      inventory.recordAudit(environmentId, "activated", "envflow", null);
    }
  }

  @BeforeAll
  static void database() throws Exception {
    postgres = LocalServices.postgres();
    adminExecute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    adminExecute("CREATE DATABASE " + DATABASE);
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.jdbcUrl(DATABASE));
    dataSource.setUsername(postgres.adminUser());
    dataSource.setPassword(postgres.adminPassword());
    new Inventory(dataSource).migrate();
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (dataSource != null) {
      dataSource.close();
      adminExecute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
  }

  @Test
  void anAuditEntryWhoseAnswerWasLostIsRetriedAndStillOneRow() {
    Inventory inventory = new Inventory(losingAnswers(dataSource));
    answersToLose.set(1);
    TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try {
      Worker worker = temporal.newWorker(TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(AuditingWorkflowImpl.class);
      worker.registerActivitiesImplementations(new InventoryActivitiesImpl(inventory));
      temporal.start();
      WorkflowClient client = temporal.getWorkflowClient();
      client.newWorkflowStub(AuditingWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE)
          .setWorkflowId("env-audit-retry").build()).audit("env-audit-retry");
    } finally {
      temporal.close();
    }

    assertThat(answersToLose.get()).as("the first audit INSERT lost its answer").isZero();
    assertThat(attempts.get()).as("audit INSERTs sent: the lost one, its retry, the second entry").isEqualTo(3);
    assertThat(new Inventory(dataSource).auditLog("env-audit-retry")).extracting(AuditEntry::action)
        .containsExactly("requested", "activated");
  }

  @Test
  void theSameKeyTwiceIsOneRowAndEntriesWithoutAKeyAreAllKept() {
    Inventory inventory = new Inventory(dataSource);
    inventory.recordAudit("env-keyed", "requested", "dev@example.com", null, "env-keyed/run-1/1");
    inventory.recordAudit("env-keyed", "requested", "dev@example.com", null, "env-keyed/run-1/1");
    inventory.recordAudit("env-keyed", "approved", "ana", "fine", "env-keyed/run-1/2");
    inventory.recordAudit("env-keyed", "token_created", "admin", null);
    inventory.recordAudit("env-keyed", "token_created", "admin", null);

    assertThat(inventory.auditLog("env-keyed")).extracting(AuditEntry::action)
        .containsExactly("requested", "approved", "token_created", "token_created");
  }

  /** Connections whose audit INSERTs commit, and then — while {@link #answersToLose} lasts — fail as if cut. */
  private static DataSource losingAnswers(DataSource real) {
    return (DataSource) Proxy.newProxyInstance(AuditRetryTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(method, real, args);
          return result instanceof Connection connection ? losingConnection(connection) : result;
        });
  }

  private static Connection losingConnection(Connection real) {
    return (Connection) Proxy.newProxyInstance(AuditRetryTest.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          Object result = invoke(method, real, args);
          if (method.getName().equals("prepareStatement") && String.valueOf(args[0]).startsWith("INSERT INTO audit_log")) {
            return losingStatement((PreparedStatement) result);
          }
          return result;
        });
  }

  private static PreparedStatement losingStatement(PreparedStatement real) {
    return (PreparedStatement) Proxy.newProxyInstance(AuditRetryTest.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
          Object result = invoke(method, real, args);
          if (method.getName().equals("executeUpdate")) {
            attempts.incrementAndGet();
            if (answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
              throw new SQLException("An I/O error occurred while sending to the backend (connection reset)", "08006");
            }
          }
          return result;
        });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void adminExecute(String sql) throws SQLException {
    try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()),
        postgres.adminUser(), postgres.adminPassword());
        Statement statement = admin.createStatement()) {
      statement.execute(sql);
    }
  }
}
