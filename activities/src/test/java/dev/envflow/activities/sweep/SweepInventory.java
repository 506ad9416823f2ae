package dev.envflow.activities.sweep;

import com.zaxxer.hikari.HikariDataSource;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * An inventory of its own for a sweep test, on the test PostgreSQL: the sweep reads the whole inventory, so it must
 * not see other tests' environments. {@link #close()} drops the database.
 */
final class SweepInventory implements AutoCloseable {

  private final String database = "sweep_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final HikariDataSource dataSource = new HikariDataSource();
  final Inventory inventory;

  SweepInventory() {
    admin("CREATE DATABASE " + database);
    PostgresAdminConfig postgres = LocalServices.postgres();
    dataSource.setJdbcUrl(postgres.jdbcUrl(database));
    dataSource.setUsername(postgres.adminUser());
    dataSource.setPassword(postgres.adminPassword());
    dataSource.setMaximumPoolSize(3);
    inventory = new Inventory(dataSource);
    inventory.migrate();
  }

  /** Records the environment in {@code phase} with {@code resource} live, as a finished provisioning leaves it. */
  Resource live(EnvironmentSpec spec, Phase phase, Resource resource) {
    inventory.recordEnvironment(spec, phase);
    inventory.recordResource(spec.id(), resource);
    return resource;
  }

  /** Records the environment torn down, with {@code resource} recorded and then marked deleted. */
  Resource deleted(EnvironmentSpec spec, Resource resource) {
    inventory.recordEnvironment(spec, Phase.TORN_DOWN);
    inventory.recordResource(spec.id(), resource);
    inventory.recordResourceDeleted(spec.id(), resource);
    return resource;
  }

  @Override
  public void close() {
    dataSource.close();
    admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  private static void admin(String sql) {
    PostgresAdminConfig postgres = LocalServices.postgres();
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()),
        postgres.adminUser(), postgres.adminPassword());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql, e);
    }
  }
}
