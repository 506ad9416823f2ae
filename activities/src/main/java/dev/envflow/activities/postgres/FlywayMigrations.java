package dev.envflow.activities.postgres;

import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.MigrationReport;
import io.temporal.activity.Activity;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/** Runs Flyway against an environment's database as its owner. */
final class FlywayMigrations {

  private static final int MAX_MESSAGE_LENGTH = 2000;

  private FlywayMigrations() {}

  /** Applies what is pending at {@code location}; a failing migration is a non-retryable MIGRATION_FAILED. */
  static MigrationReport migrate(PostgresCredentials owner, String location) {
    try {
      Flyway flyway = flyway(owner, location);
      MigrateResult result = flyway.migrate();
      List<String> applied = result.migrations.stream()
          .map(migration -> "V" + migration.version + " " + migration.description)
          .toList();
      return new MigrationReport(applied, currentVersion(flyway));
    } catch (FlywayException e) {
      throw classify(e, owner, "migrating " + owner.database() + " from " + location, FailureType.MIGRATION_FAILED);
    }
  }

  /**
   * Checks that every migration at {@code location} is applied, unchanged, and none is pending or failed;
   * returns a one-line summary or throws VALIDATION_FAILED.
   */
  static String verifyApplied(PostgresCredentials owner, String location) {
    try {
      Flyway flyway = flyway(owner, location);
      ValidateResult result = flyway.validateWithResult();
      if (!result.validationSuccessful) {
        throw PostgresFailures.nonRetryable(FailureType.VALIDATION_FAILED, "migrations at " + location
            + " do not match the database " + owner.database() + ": " + redact(result.getAllErrorMessages(), owner));
      }
      return "migrations: " + result.validateCount + " applied, none pending, schema version " + currentVersion(flyway);
    } catch (FlywayException e) {
      throw classify(e, owner, "checking the migrations of " + owner.database(), FailureType.VALIDATION_FAILED);
    }
  }

  private static Flyway flyway(PostgresCredentials owner, String location) {
    return Flyway.configure()
        .dataSource(owner.jdbcUrl(), owner.role(), owner.password())
        .locations(location)
        .failOnMissingLocations(true)
        .cleanDisabled(true)
        .load();
  }

  private static String currentVersion(Flyway flyway) {
    MigrationInfo current = flyway.info().current();
    return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
  }

  private static RuntimeException classify(FlywayException e, PostgresCredentials owner, String what, FailureType otherwise) {
    SQLException sql = PostgresFailures.sqlCause(e);
    if (sql != null && PostgresFailures.isAuthenticationFailure(sql)) {
      return PostgresFailures.nonRetryable(FailureType.BAD_CREDENTIALS,
          "PostgreSQL refused the stored credentials of role " + owner.role() + " while " + what);
    }
    if (sql != null && PostgresFailures.isConnectionFailure(sql)) {
      return Activity.wrap(new SQLException("PostgreSQL cannot serve " + what + " now (" + sql.getSQLState() + "): "
          + redact(sql.getMessage(), owner), sql.getSQLState()));
    }
    return PostgresFailures.nonRetryable(otherwise, "Flyway failed " + what + ": " + redact(e.getMessage(), owner));
  }

  private static String redact(String message, PostgresCredentials owner) {
    String safe = message == null ? "(no reason given)" : message.replace(owner.password(), "***");
    return safe.length() > MAX_MESSAGE_LENGTH ? safe.substring(0, MAX_MESSAGE_LENGTH) + "..." : safe;
  }
}
