package dev.envflow.activities.fakes;

import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.testing.LocalServices;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * What a provider fake hands out as a database: a real login role with the password and a database it owns on
 * the tests' PostgreSQL ({@link LocalServices#postgres()}), so migrations and checks really connect. The fake
 * drops them when the provider's resource is deleted.
 */
public final class FakeCloudPostgres {

  private static final SecureRandom RANDOM = new SecureRandom();

  private FakeCloudPostgres() {}

  public static String host() {
    return LocalServices.postgres().host();
  }

  public static int port() {
    return LocalServices.postgres().port();
  }

  /** {@code length} random lower-case letters: a provider-style id, and a safe identifier. */
  public static String randomLetters(int length) {
    StringBuilder letters = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      letters.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return letters.toString();
  }

  /** Creates the role (login, with the password) and a database it owns, replacing leftovers of the same names. */
  public static void create(String role, String password, String database) {
    drop(role, database);
    execute("postgres", "CREATE ROLE " + quoted(role) + " LOGIN PASSWORD " + literal(password));
    execute("postgres", "CREATE DATABASE " + quoted(database) + " OWNER " + quoted(role));
    execute(database, "ALTER SCHEMA public OWNER TO " + quoted(role));
  }

  /** Creates another database owned by an existing role (a branch of a project). */
  public static void createDatabase(String role, String database) {
    execute("postgres", "DROP DATABASE IF EXISTS " + quoted(database) + " WITH (FORCE)");
    execute("postgres", "CREATE DATABASE " + quoted(database) + " OWNER " + quoted(role));
    execute(database, "ALTER SCHEMA public OWNER TO " + quoted(role));
  }

  /** Drops the database (closing its connections) and then the role; what is not there is skipped. */
  public static void drop(String role, String database) {
    if (database != null) {
      execute("postgres", "DROP DATABASE IF EXISTS " + quoted(database) + " WITH (FORCE)");
    }
    if (role != null) {
      execute("postgres", "DROP ROLE IF EXISTS " + quoted(role));
    }
  }

  public static void dropDatabase(String database) {
    execute("postgres", "DROP DATABASE IF EXISTS " + quoted(database) + " WITH (FORCE)");
  }

  public static boolean roleExists(String role) {
    return exists("SELECT 1 FROM pg_roles WHERE rolname = ?", role);
  }

  public static boolean databaseExists(String database) {
    return exists("SELECT 1 FROM pg_database WHERE datname = ?", database);
  }

  private static boolean exists(String sql, String name) {
    try (Connection connection = admin("postgres"); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot query the test PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static void execute(String database, String sql) {
    try (Connection connection = admin(database); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("the fake cannot run " + sql.replaceAll("PASSWORD '.*'", "PASSWORD ***")
          + ": " + e.getMessage(), e);
    }
  }

  private static Connection admin(String database) throws SQLException {
    PostgresAdminConfig admin = LocalServices.postgres();
    Properties properties = new Properties();
    properties.setProperty("user", admin.adminUser());
    if (admin.adminPassword() != null) {
      properties.setProperty("password", admin.adminPassword());
    }
    return DriverManager.getConnection(admin.jdbcUrl(database), properties);
  }

  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
