package dev.envflow.activities.postgres;

import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.Activity;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local PostgreSQL provider: one login role and one database it owns per environment, on a server this
 * worker administers. Both are named from the environment's name ({@code synckairos-staging} becomes
 * {@code synckairos_staging}) and carry envflow's comment, which is how a rerun recognises and adopts them.
 */
public final class LocalPostgresProvider implements PostgresProvider {

  public static final String PROVIDER = "local";
  private static final Logger log = LoggerFactory.getLogger(LocalPostgresProvider.class);

  private final PostgresAdminConfig admin;
  private final SecretStore secrets;

  public LocalPostgresProvider(PostgresAdminConfig admin, SecretStore secrets) {
    this.admin = admin;
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return PROVIDER;
  }

  PostgresAdminConfig admin() {
    return admin;
  }

  @Override
  public Resource create(EnvironmentSpec spec) {
    String name = spec.name();
    String identifier = PostgresNames.identifier(name);
    String marker = PostgresNames.ownershipMarker(name);
    PostgresCredentials owner;
    try (Connection connection = adminConnection(admin.adminDatabase())) {
      PostgresOwnership found = PostgresOwnership.inspect(connection, identifier, marker);
      if (found.conflicts()) {
        throw PostgresFailures.nonRetryable(FailureType.CONFLICT,
            found.conflictDescription(identifier) + "; envflow leaves it untouched");
      }
      String password = reusablePassword(name, identifier, found).orElseGet(StrongPasswords::generate);
      owner = new PostgresCredentials(identifier, password, admin.host(), admin.port(), identifier);
      secrets.put(secretKey(name), owner.toUrl());
      if (!found.roleExists()) {
        createRole(connection, identifier, marker);
      }
      connection.unwrap(PGConnection.class).alterUserPassword(identifier, password.toCharArray(), "scram-sha-256");
      String database = PostgresNames.quoted(identifier);
      try (Statement statement = connection.createStatement()) {
        if (!found.databaseExists()) {
          statement.execute("CREATE DATABASE " + database + " OWNER " + database);
        }
        statement.execute("COMMENT ON DATABASE " + database + " IS " + PostgresNames.literal(marker));
        statement.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + database + " FROM PUBLIC");
      }
      log.info("PostgreSQL database {} ready for {} ({})", identifier, name,
          found.databaseExists() ? "adopted" : "created");
    } catch (SQLException e) {
      throw adminFailure(e, "creating the database of " + name);
    }
    restrictPublicSchema(identifier);
    return new Resource(ResourceKind.POSTGRES_DATABASE.name(), providerOf(spec), name, identifier, owner.location());
  }

  /** A database on a running server accepts connections as soon as it is created. */
  @Override
  public Readiness readiness(Resource database, long waitingSinceMillis) {
    return Readiness.immediately("database created");
  }

  @Override
  public void delete(Resource database) {
    dropOwned(database.name());
    forgetSecrets(database.name());
  }

  /** Looks for roles and databases with envflow's comment; see {@link LocalPostgresOrphans}. */
  @Override
  public OrphanFinder orphanFinder() {
    return new LocalPostgresOrphans(this);
  }

  /**
   * Drops the role and database named after the environment {@code name} when they are envflow's; a CONFLICT when
   * either is someone else's. What is already gone is fine.
   */
  void dropOwned(String name) {
    String identifier = PostgresNames.identifier(name);
    try (Connection connection = adminConnection(admin.adminDatabase())) {
      PostgresOwnership found = PostgresOwnership.inspect(connection, identifier, PostgresNames.ownershipMarker(name));
      if (found.conflicts()) {
        throw PostgresFailures.nonRetryable(FailureType.CONFLICT,
            found.conflictDescription(identifier) + "; envflow will not drop it");
      }
      String quoted = PostgresNames.quoted(identifier);
      try (Statement statement = connection.createStatement()) {
        if (found.databaseExists()) {
          statement.execute("ALTER DATABASE " + quoted + " WITH ALLOW_CONNECTIONS false");
          terminateBackends(connection, "datname", identifier);
          statement.execute("DROP DATABASE IF EXISTS " + quoted);
        }
        if (found.roleExists()) {
          terminateBackends(connection, "usename", identifier);
          statement.execute("DROP ROLE IF EXISTS " + quoted);
        }
      }
      log.info("PostgreSQL database and role {} of {} deleted", identifier, name);
    } catch (SQLException e) {
      throw adminFailure(e, "deleting the database of " + name);
    }
  }

  /** Forgets the credentials kept for the environment {@code name}. */
  void forgetSecrets(String name) {
    secrets.delete(secretKey(name));
    secrets.delete(PostgresSecrets.applicationKey(name));
  }

  private Optional<String> reusablePassword(String name, String identifier, PostgresOwnership found) {
    if (!found.roleOwned()) {
      return Optional.empty();
    }
    return secrets.get(secretKey(name))
        .map(PostgresCredentials::fromUrl)
        .filter(stored -> stored.role().equals(identifier))
        .map(PostgresCredentials::password);
  }

  private static void createRole(Connection connection, String identifier, String marker) throws SQLException {
    String role = PostgresNames.quoted(identifier);
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION");
      statement.execute("COMMENT ON ROLE " + role + " IS " + PostgresNames.literal(marker));
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** Gives the schema {@code public} to the owner and takes CREATE on it away from everyone else. */
  private void restrictPublicSchema(String identifier) {
    try (Connection connection = adminConnection(identifier); Statement statement = connection.createStatement()) {
      statement.execute("ALTER SCHEMA public OWNER TO " + PostgresNames.quoted(identifier));
      statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    } catch (SQLException e) {
      throw adminFailure(e, "restricting the public schema of " + identifier);
    }
  }

  private static void terminateBackends(Connection connection, String column, String value) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        + " WHERE " + column + " = ? AND pid <> pg_backend_pid()")) {
      statement.setString(1, value);
      statement.execute();
    }
  }

  Connection adminConnection(String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", admin.adminUser());
    if (admin.adminPassword() != null) {
      properties.setProperty("password", admin.adminPassword());
    }
    properties.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(admin.jdbcUrl(database), properties);
  }

  RuntimeException adminFailure(SQLException e, String what) {
    if (PostgresFailures.isAuthenticationFailure(e)) {
      return PostgresFailures.nonRetryable(FailureType.BAD_CREDENTIALS,
          "PostgreSQL refused the admin credentials of " + admin.adminUser() + " while " + what);
    }
    return Activity.wrap(new SQLException(what + " failed: " + e.getMessage(), e.getSQLState(), e));
  }

  private static String providerOf(EnvironmentSpec spec) {
    return spec.postgres() != null && spec.postgres().provider() != null ? spec.postgres().provider() : PROVIDER;
  }

  private static String secretKey(String name) {
    return PostgresSecrets.ownerKey(name);
  }
}
