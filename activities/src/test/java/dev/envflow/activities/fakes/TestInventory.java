package dev.envflow.activities.fakes;

import com.zaxxer.hikari.HikariDataSource;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.InventoryOwnership;
import dev.envflow.activities.inventory.ResourceRecord;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * envflow's real inventory in a database of its own on the tests' PostgreSQL, with the
 * {@link InventoryOwnership} providers decide ownership by: what the workflow writes before a create
 * ({@link #recordPlanned}) is what proves a same-named cloud resource is the environment's.
 */
public final class TestInventory implements AutoCloseable {

  private final String database;
  private final HikariDataSource dataSource;
  private final Inventory inventory;

  private TestInventory(String database) {
    this.database = database;
    adminExecute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    adminExecute("CREATE DATABASE " + database);
    PostgresAdminConfig postgres = LocalServices.postgres();
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.jdbcUrl(database));
    dataSource.setUsername(postgres.adminUser());
    dataSource.setPassword(postgres.adminPassword());
    dataSource.setMaximumPoolSize(2);
    inventory = new Inventory(dataSource);
    inventory.migrate();
  }

  /** A fresh inventory in database {@code database} (a plain lower-case identifier). */
  public static TestInventory create(String database) {
    return new TestInventory(database);
  }

  public Inventory inventory() {
    return inventory;
  }

  public ResourceOwnership ownership() {
    return new InventoryOwnership(inventory);
  }

  /** What the workflow does before it asks a provider for the database: the environment and a planned row. */
  public Resource recordPlanned(EnvironmentSpec spec) {
    inventory.recordEnvironment(spec, Phase.PROVISIONING);
    Resource planned = Resource.planned(ResourceKind.POSTGRES_DATABASE, spec.postgres().provider(), spec.name());
    inventory.recordResource(spec.id(), planned);
    return planned;
  }

  public Optional<ResourceRecord> postgres(EnvironmentSpec spec) {
    return inventory.findResource(spec.id(), ResourceKind.POSTGRES_DATABASE.name(), spec.name());
  }

  @Override
  public void close() {
    dataSource.close();
    adminExecute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  private static void adminExecute(String sql) {
    PostgresAdminConfig postgres = LocalServices.postgres();
    try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()),
            postgres.adminUser(), postgres.adminPassword());
        Statement statement = admin.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql + ": " + e.getMessage(), e);
    }
  }
}
