package dev.envflow.activities.postgres;

import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The seed runbook's PostgreSQL checks ({@code scripts/test-postgres.js} and the settings it reads), run with
 * the environment's own credentials.
 */
final class PostgresSchemaValidator {

  private static final String SESSIONS_TABLE = "sync_sessions";
  private static final String FLYWAY_HISTORY_TABLE = "flyway_schema_history";

  private PostgresSchemaValidator() {}

  static CheckReport validate(PostgresCredentials owner, String location) {
    List<String> checks = new ArrayList<>();
    try (Connection connection = connect(owner)) {
      checks.add("SELECT version(): " + singleValue(connection, "SELECT version()"));
      checks.add(FlywayMigrations.verifyApplied(owner, location));
      List<String> present = tablesIn(connection);
      Optional<List<String>> expected = ExpectedTables.of(location);
      checks.add(checkTables(owner, location, expected, present));
      if (expected.map(tables -> tables.contains(SESSIONS_TABLE)).orElse(present.contains(SESSIONS_TABLE))) {
        checks.add("INSERT INTO sync_sessions (rolled back): " + insertSessionAndRollBack(connection));
      }
      checks.add("SHOW max_connections: " + singleValue(connection, "SHOW max_connections"));
    } catch (SQLException e) {
      throw PostgresFailures.classify(e, "database " + owner.database() + " as role " + owner.role(),
          FailureType.VALIDATION_FAILED);
    }
    return new CheckReport(owner.location(), List.copyOf(checks));
  }

  private static Connection connect(PostgresCredentials owner) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", owner.role());
    properties.setProperty("password", owner.password());
    properties.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(owner.jdbcUrl(), properties);
  }

  private static String checkTables(PostgresCredentials owner, String location, Optional<List<String>> expected,
      List<String> present) {
    if (expected.isPresent()) {
      List<String> missing = expected.get().stream().filter(table -> !present.contains(table)).toList();
      if (!missing.isEmpty()) {
        throw PostgresFailures.nonRetryable(FailureType.VALIDATION_FAILED, "database " + owner.database()
            + " lacks tables the migrations at " + location + " create: " + String.join(", ", missing));
      }
      return "tables: " + String.join(", ", expected.get()) + " present";
    }
    List<String> applicationTables = present.stream().filter(table -> !FLYWAY_HISTORY_TABLE.equals(table)).toList();
    if (applicationTables.isEmpty()) {
      throw PostgresFailures.nonRetryable(FailureType.VALIDATION_FAILED,
          "database " + owner.database() + " has no tables after migrating from " + location);
    }
    return "tables: " + String.join(", ", applicationTables) + " (no " + ExpectedTables.MANIFEST + " at " + location + ")";
  }

  private static List<String> tablesIn(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  private static String insertSessionAndRollBack(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO sync_sessions (session_id, sync_mode, time_per_cycle_ms, created_at, last_updated_at)"
            + " VALUES (?, 'per_participant', 60000, now(), now()) RETURNING session_id")) {
      insert.setString(1, "envflow-check-" + UUID.randomUUID());
      try (ResultSet rows = insert.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  private static String singleValue(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
