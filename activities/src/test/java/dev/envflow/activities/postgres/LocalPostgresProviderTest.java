package dev.envflow.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.activities.testing.TestSpecs;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.MigrationReport;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalPostgresProviderTest {

  private static final String MIGRATIONS = TestSpecs.SYNCKAIROS_MIGRATIONS;

  private final PostgresAdminConfig admin = LocalServices.postgres();
  private final List<String> foreignObjectsToDrop = new ArrayList<>();
  private Path secretsDirectory;
  private SecretStore secrets;
  private PostgresActivitiesImpl activities;
  private EnvironmentSpec spec;
  private String identifier;

  @BeforeEach
  void setUp() throws Exception {
    secretsDirectory = Files.createTempDirectory("envflow-test-secrets");
    secrets = new FileSecretStore(secretsDirectory);
    activities = new PostgresActivitiesImpl(List.of(new LocalPostgresProvider(admin, secrets)), secrets);
    spec = TestSpecs.uniqueLocalSpec("pg-");
    identifier = PostgresNames.identifier(spec.name());
  }

  @AfterEach
  void tearDown() throws Exception {
    try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
      for (String sql : foreignObjectsToDrop) {
        statement.execute(sql);
      }
    }
    activities.deleteDatabase(Resource.planned(ResourceKind.POSTGRES_DATABASE, "local", spec.name()));
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void createsMigratesValidatesAndDeletesLeavingNothingBehind() throws Exception {
    Resource database = activities.createDatabase(spec);

    assertThat(database.kind()).isEqualTo("POSTGRES_DATABASE");
    assertThat(database.name()).isEqualTo(spec.name());
    assertThat(database.externalId()).isEqualTo(identifier);
    assertThat(database.location()).isEqualTo("postgresql://" + admin.host() + ":" + admin.port() + "/" + identifier);
    PostgresCredentials owner = storedCredentials();
    assertThat(database.toString()).doesNotContain(owner.password());
    assertThat(owner.role()).isEqualTo(identifier);

    MigrationReport migration = activities.migrateDatabase(database, MIGRATIONS);
    assertThat(migration.applied()).hasSize(3).allSatisfy(applied -> assertThat(applied).startsWith("V"));
    assertThat(migration.schemaVersion()).isEqualTo("3");

    CheckReport report = activities.validateDatabase(database, MIGRATIONS);
    assertThat(report.checks()).anySatisfy(check -> assertThat(check).startsWith("SELECT version(): PostgreSQL"));
    assertThat(report.checks()).anySatisfy(check -> assertThat(check).contains("sync_sessions, sync_participants, sync_events present"));
    assertThat(report.checks()).anySatisfy(check -> assertThat(check).startsWith("INSERT INTO sync_sessions"));
    assertThat(report.checks()).anySatisfy(check -> assertThat(check).matches("SHOW max_connections: \\d+"));
    assertThat(report.toString()).doesNotContain(owner.password());
    assertThat(count("SELECT count(*) FROM sync_sessions", owner)).as("the check's insert was rolled back").isZero();

    activities.deleteDatabase(database);

    assertThat(roleCount()).isZero();
    assertThat(databaseCount()).isZero();
    assertThat(secrets.get(secretKey())).isEmpty();
  }

  @Test
  void rerunOfCreateAdoptsTheSameRoleAndDatabaseWithTheStoredPassword() throws Exception {
    Resource first = activities.createDatabase(spec);
    String firstUrl = secrets.get(secretKey()).orElseThrow();

    Resource second = activities.createDatabase(spec);

    assertThat(second).isEqualTo(first);
    assertThat(secrets.get(secretKey())).contains(firstUrl);
    assertThat(roleCount()).isEqualTo(1);
    assertThat(databaseCount()).isEqualTo(1);
    assertThat(count("SELECT 1", storedCredentials())).isEqualTo(1);
  }

  @Test
  void rerunOfCreateResetsThePasswordWhenTheSecretStoreLostIt() throws Exception {
    activities.createDatabase(spec);
    String lostPassword = storedCredentials().password();
    secrets.delete(secretKey());

    Resource adopted = activities.createDatabase(spec);

    PostgresCredentials renewed = storedCredentials();
    assertThat(renewed.password()).isNotEqualTo(lostPassword);
    assertThat(count("SELECT 1", renewed)).isEqualTo(1);
    assertThat(activities.migrateDatabase(adopted, MIGRATIONS).applied()).hasSize(3);
    assertThat(roleCount()).isEqualTo(1);
  }

  @Test
  void refusesARoleOfTheSameNameThatEnvflowDidNotCreateAndLeavesItUntouched() throws Exception {
    executeAsAdmin("CREATE ROLE " + PostgresNames.quoted(identifier) + " LOGIN");
    foreignObjectsToDrop.add("DROP ROLE IF EXISTS " + PostgresNames.quoted(identifier));

    assertFailure(() -> activities.createDatabase(spec), "CONFLICT");
    Resource reference = Resource.planned(ResourceKind.POSTGRES_DATABASE, "local", spec.name());
    assertFailure(() -> activities.deleteDatabase(reference), "CONFLICT");

    assertThat(roleCount()).isEqualTo(1);
    assertThat(databaseCount()).isZero();
    assertThat(secrets.get(secretKey())).isEmpty();
  }

  @Test
  void refusesADatabaseOfTheSameNameThatEnvflowDidNotCreateAndLeavesItUntouched() throws Exception {
    executeAsAdmin("CREATE DATABASE " + PostgresNames.quoted(identifier));
    foreignObjectsToDrop.add("DROP DATABASE IF EXISTS " + PostgresNames.quoted(identifier));

    assertFailure(() -> activities.createDatabase(spec), "CONFLICT");

    assertThat(databaseCount()).isEqualTo(1);
    assertThat(roleCount()).isZero();
  }

  @Test
  void deletingWhatIsAlreadyGoneSucceeds() throws Exception {
    Resource database = activities.createDatabase(spec);
    activities.deleteDatabase(database);

    activities.deleteDatabase(database);
    activities.deleteDatabase(Resource.planned(ResourceKind.POSTGRES_DATABASE, "local", "never-created-" + identifier));

    assertThat(roleCount()).isZero();
    assertThat(databaseCount()).isZero();
  }

  @Test
  void deleteTerminatesOpenConnectionsOfTheDatabase() throws Exception {
    Resource database = activities.createDatabase(spec);
    try (Connection open = connect(storedCredentials())) {
      activities.deleteDatabase(database);
      assertThat(open.isValid(2)).isFalse();
    }
    assertThat(databaseCount()).isZero();
  }

  @Test
  void validationWithWrongCredentialsFailsWithBadCredentialsAndNoPassword() throws Exception {
    Resource database = activities.createDatabase(spec);
    activities.migrateDatabase(database, MIGRATIONS);
    PostgresCredentials right = storedCredentials();
    String wrongPassword = StrongPasswords.generate();
    secrets.put(secretKey(), new PostgresCredentials(right.role(), wrongPassword, right.host(), right.port(),
        right.database()).toUrl());

    ApplicationFailure failure = assertFailure(() -> activities.validateDatabase(database, MIGRATIONS), "BAD_CREDENTIALS");

    assertThat(failure.getOriginalMessage()).contains("refused the stored credentials").contains(identifier)
        .doesNotContain(wrongPassword).doesNotContain(right.password());
  }

  /**
   * A server out of connection slots (SQLSTATE 53300) is busy, not wrong: validating and migrating are retried instead of
   * failing as VALIDATION_FAILED / MIGRATION_FAILED and rolling the environment back.
   */
  @Test
  void aServerOutOfConnectionSlotsIsRetriedNotAFailedValidationOrMigration() throws Exception {
    Resource database = activities.createDatabase(spec);
    activities.migrateDatabase(database, MIGRATIONS);
    executeAsAdmin("ALTER ROLE " + PostgresNames.quoted(identifier) + " CONNECTION LIMIT 0");

    for (org.assertj.core.api.ThrowableAssert.ThrowingCallable busy : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
        () -> activities.validateDatabase(database, MIGRATIONS), () -> activities.migrateDatabase(database, MIGRATIONS))) {
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(busy);
      assertThat(thrown).isNotNull().hasStackTraceContaining("too many connections");
      if (thrown instanceof ApplicationFailure failure) {
        assertThat(failure.isNonRetryable()).as(failure.getType() + ": " + failure.getOriginalMessage()).isFalse();
      }
    }
  }

  @Test
  void migrationWithoutStoredCredentialsFailsWithBadCredentials() throws Exception {
    Resource database = activities.createDatabase(spec);
    secrets.delete(secretKey());

    assertFailure(() -> activities.migrateDatabase(database, MIGRATIONS), "BAD_CREDENTIALS");
  }

  @Test
  void secondMigrationAppliesNothing() {
    Resource database = activities.createDatabase(spec);
    activities.migrateDatabase(database, MIGRATIONS);

    MigrationReport again = activities.migrateDatabase(database, MIGRATIONS);

    assertThat(again.applied()).isEmpty();
    assertThat(again.schemaVersion()).isEqualTo("3");
  }

  @Test
  void brokenMigrationFailsWithMigrationFailedAndFlywaysReason() throws Exception {
    Resource database = activities.createDatabase(spec);
    Path broken = Files.createTempDirectory("envflow-test-broken-migrations");
    try {
      Files.writeString(broken.resolve("V1__broken.sql"), "CREATE TABLE half_written (id INTEGER;");

      ApplicationFailure failure = assertFailure(
          () -> activities.migrateDatabase(database, "filesystem:" + broken), "MIGRATION_FAILED");

      assertThat(failure.getOriginalMessage()).contains("syntax error").doesNotContain(storedCredentials().password());
    } finally {
      LocalServices.deleteRecursively(broken);
    }
  }

  @Test
  void missingMigrationLocationFailsWithMigrationFailed() {
    Resource database = activities.createDatabase(spec);

    assertFailure(() -> activities.migrateDatabase(database, "classpath:migrations/no-such-app"), "MIGRATION_FAILED");
  }

  @Test
  void validationFailsWhenATableTheMigrationsCreateIsMissing() throws Exception {
    Resource database = activities.createDatabase(spec);
    activities.migrateDatabase(database, MIGRATIONS);
    try (Connection owner = connect(storedCredentials()); Statement statement = owner.createStatement()) {
      statement.execute("DROP TABLE sync_events");
    }

    ApplicationFailure failure = assertFailure(() -> activities.validateDatabase(database, MIGRATIONS), "VALIDATION_FAILED");

    assertThat(failure.getOriginalMessage()).contains("sync_events");
  }

  @Test
  void validationFailsWhenMigrationsArePending() {
    Resource database = activities.createDatabase(spec);

    ApplicationFailure failure = assertFailure(() -> activities.validateDatabase(database, MIGRATIONS), "VALIDATION_FAILED");

    assertThat(failure.getOriginalMessage()).contains("not applied");
  }

  @Test
  void otherRolesCannotConnectToTheDatabase() throws Exception {
    activities.createDatabase(spec);
    String outsider = "outsider_" + identifier;
    String password = StrongPasswords.generate();
    executeAsAdmin("CREATE ROLE " + PostgresNames.quoted(outsider) + " LOGIN PASSWORD " + PostgresNames.literal(password));
    foreignObjectsToDrop.add("DROP ROLE IF EXISTS " + PostgresNames.quoted(outsider));

    assertThatThrownBy(() -> connect(new PostgresCredentials(outsider, password, admin.host(), admin.port(), identifier)))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("permission denied");
  }

  private ApplicationFailure assertFailure(Runnable action, String type) {
    ApplicationFailure[] caught = new ApplicationFailure[1];
    assertThatThrownBy(action::run).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.getType()).isEqualTo(type);
      assertThat(failure.isNonRetryable()).isTrue();
      caught[0] = failure;
    });
    return caught[0];
  }

  private PostgresCredentials storedCredentials() {
    return PostgresCredentials.fromUrl(secrets.get(secretKey()).orElseThrow());
  }

  private String secretKey() {
    return SecretStore.key("POSTGRES_DATABASE", spec.name());
  }

  private long roleCount() throws SQLException {
    return countAsAdmin("SELECT count(*) FROM pg_roles WHERE rolname = ?");
  }

  private long databaseCount() throws SQLException {
    return countAsAdmin("SELECT count(*) FROM pg_database WHERE datname = ?");
  }

  private long countAsAdmin(String sql) throws SQLException {
    try (Connection connection = adminConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, identifier);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static long count(String sql, PostgresCredentials credentials) throws SQLException {
    try (Connection connection = connect(credentials); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void executeAsAdmin(String sql) throws SQLException {
    try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private Connection adminConnection() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", admin.adminUser());
    properties.setProperty("password", admin.adminPassword());
    return DriverManager.getConnection(admin.jdbcUrl(admin.adminDatabase()), properties);
  }

  static Connection connect(PostgresCredentials credentials) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", credentials.role());
    properties.setProperty("password", credentials.password());
    return DriverManager.getConnection(credentials.jdbcUrl(), properties);
  }
}
