package dev.envflow.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.testing.LocalServices;
import java.util.List;
import dev.envflow.activities.testing.TestSpecs;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The synckairos schema as migrated into a freshly provisioned database, exercised as its owner. */
class SynckairosSchemaTest {

  private Path secretsDirectory;
  private PostgresActivitiesImpl activities;
  private Resource database;
  private Connection owner;

  @BeforeEach
  void setUp() throws Exception {
    secretsDirectory = Files.createTempDirectory("envflow-test-secrets");
    SecretStore secrets = new FileSecretStore(secretsDirectory);
    activities = new PostgresActivitiesImpl(List.of(new LocalPostgresProvider(LocalServices.postgres(), secrets)), secrets);
    EnvironmentSpec spec = TestSpecs.uniqueLocalSpec("schema-");
    database = activities.createDatabase(spec);
    activities.migrateDatabase(database, TestSpecs.SYNCKAIROS_MIGRATIONS);
    owner = LocalPostgresProviderTest.connect(
        PostgresCredentials.fromUrl(secrets.get(SecretStore.key("POSTGRES_DATABASE", spec.name())).orElseThrow()));
    execute("INSERT INTO sync_sessions (session_id, sync_mode, time_per_cycle_ms) VALUES ('s1', 'per_participant', 60000)");
    execute("INSERT INTO sync_events (session_id, event_type) VALUES ('s1', 'session_created')");
  }

  @AfterEach
  void tearDown() throws Exception {
    owner.close();
    activities.deleteDatabase(database);
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void appendOnlyEventsRefuseUpdate() {
    assertThatThrownBy(() -> execute("UPDATE sync_events SET event_type = 'session_cancelled'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("sync_events is append-only: UPDATE is not allowed");
  }

  @Test
  void appendOnlyEventsRefuseDeleteAndTruncate() {
    assertThatThrownBy(() -> execute("DELETE FROM sync_events"))
        .hasMessageContaining("sync_events is append-only: DELETE is not allowed");
    assertThatThrownBy(() -> execute("TRUNCATE sync_events"))
        .hasMessageContaining("sync_events is append-only: TRUNCATE is not allowed");
  }

  @Test
  void appendOnlyEventsAcceptNewEventsInOrder() throws Exception {
    execute("INSERT INTO sync_events (session_id, event_type, payload) VALUES ('s1', 'session_started', '{\"by\": \"p0\"}')");

    assertThat(singleValue("SELECT string_agg(event_type, ',' ORDER BY event_id) FROM sync_events WHERE session_id = 's1'"))
        .isEqualTo("session_created,session_started");
  }

  @Test
  void participantIndexIsUniqueWithinASession() throws Exception {
    execute("INSERT INTO sync_participants (session_id, participant_id, participant_index, total_time_ms, time_remaining_ms)"
        + " VALUES ('s1', 'p0', 0, 60000, 60000)");

    assertThatThrownBy(() -> execute("INSERT INTO sync_participants"
        + " (session_id, participant_id, participant_index, total_time_ms, time_remaining_ms) VALUES ('s1', 'p1', 0, 60000, 60000)"))
        .hasMessageContaining("sync_participants_index_unique");
  }

  @Test
  void unknownSyncModeAndNegativeTimesAreRefused() {
    assertThatThrownBy(() -> execute("INSERT INTO sync_sessions (session_id, sync_mode) VALUES ('s2', 'per_moon')"))
        .hasMessageContaining("sync_sessions_sync_mode_known");
    assertThatThrownBy(() -> execute("INSERT INTO sync_sessions (session_id, sync_mode, time_per_cycle_ms)"
        + " VALUES ('s3', 'per_cycle', -1)"))
        .hasMessageContaining("sync_sessions_time_per_cycle_positive");
  }

  @Test
  void activeParticipantMustBelongToTheSession() {
    assertThatThrownBy(() -> execute("UPDATE sync_sessions SET active_participant_id = 'nobody' WHERE session_id = 's1'"))
        .hasMessageContaining("sync_sessions_active_participant_fk");
  }

  @Test
  void runningSessionNeedsTheStartOfItsCycle() {
    assertThatThrownBy(() -> execute("UPDATE sync_sessions SET status = 'running' WHERE session_id = 's1'"))
        .hasMessageContaining("sync_sessions_running_has_cycle_start");
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = owner.createStatement()) {
      statement.execute(sql);
    }
  }

  private String singleValue(String sql) throws SQLException {
    try (Statement statement = owner.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
