package dev.envflow.activities.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real inventory for provider tests, on the test PostgreSQL ({@link LocalServices}): one database per JVM,
 * migrated once. Tests use unique environment names, so they share it safely.
 */
public final class TestInventory {

  private static final String DATABASE = "cloud_provider_test";
  private static Inventory inventory;

  private TestInventory() {}

  public static synchronized Inventory inventory() {
    if (inventory == null) {
      PostgresAdminConfig postgres = LocalServices.postgres();
      try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()),
          postgres.adminUser(), postgres.adminPassword());
          Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        statement.execute("CREATE DATABASE " + DATABASE);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create the test inventory database", e);
      }
      HikariDataSource dataSource = new HikariDataSource();
      dataSource.setJdbcUrl(postgres.jdbcUrl(DATABASE));
      dataSource.setUsername(postgres.adminUser());
      dataSource.setPassword(postgres.adminPassword());
      dataSource.setMaximumPoolSize(4);
      Runtime.getRuntime().addShutdownHook(new Thread(dataSource::close));
      inventory = new Inventory(dataSource);
      inventory.migrate();
    }
    return inventory;
  }

  /** What the workflow records before it calls a create: the environment, and the planned resource. */
  public static Resource recordPlanned(EnvironmentSpec spec, ResourceKind kind, String provider) {
    Inventory inventory = inventory();
    inventory.recordEnvironment(spec, Phase.PROVISIONING);
    Resource planned = Resource.planned(kind, provider, spec.name());
    inventory.recordResource(spec.id(), planned);
    return planned;
  }
}
