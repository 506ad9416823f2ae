package dev.envflow.activities.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envflow.workflows.activities.InventoryActivities;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import com.zaxxer.hikari.HikariDataSource;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.testing.LocalServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InventoryTest {

  private static final String DATABASE = "inventory_test";

  private static PostgresAdminConfig postgres;
  private static HikariDataSource dataSource;
  private static Inventory inventory;
  private static InventoryActivities activities;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = LocalServices.postgres();
    adminExecute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    adminExecute("CREATE DATABASE " + DATABASE);
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.jdbcUrl(DATABASE));
    dataSource.setUsername(postgres.adminUser());
    dataSource.setPassword(postgres.adminPassword());
    inventory = new Inventory(dataSource);
    inventory.migrate();
    activities = new InventoryActivitiesImpl(inventory);
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (dataSource != null) {
      dataSource.close();
      adminExecute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
  }

  @Test
  void migratingAgainAppliesNothingAndKeepsItsOwnHistoryTable() throws Exception {
    inventory.migrate();
    long migrations;
    try (var files = Files.list(Path.of("..", "migrations", "inventory"))) {
      migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    }

    try (Connection connection = dataSource.getConnection();
        var rows = connection.createStatement().executeQuery(
            "SELECT count(*) FROM " + Inventory.HISTORY_TABLE + " WHERE success")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(migrations).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void recordsAnEnvironmentOnceAndUpdatesItsPhase() {
    EnvironmentSpec spec = SampleSpecs.local("phases");

    activities.recordEnvironment(spec, Phase.VALIDATING);
    activities.recordEnvironment(spec, Phase.PROVISIONING);
    activities.recordPhase(spec.id(), Phase.ACTIVE);

    assertThat(inventory.listEnvironments()).filteredOn(e -> e.id().equals(spec.id())).singleElement()
        .satisfies(e -> {
          assertThat(e.app()).isEqualTo("synckairos");
          assertThat(e.environment()).isEqualTo("phases");
          assertThat(e.tier()).isEqualTo("non-production");
          assertThat(e.requestedBy()).isEqualTo("dev@example.com");
          assertThat(e.phase()).isEqualTo(Phase.ACTIVE);
          assertThat(e.updatedAt()).isAfter(e.createdAt());
        });
  }

  @Test
  void keepsTheSpecAsJsonAndReadsItBack() {
    EnvironmentSpec spec = SampleSpecs.local("spec-json");
    activities.recordEnvironment(spec, Phase.VALIDATING);

    assertThat(inventory.findSpec(spec.id())).contains(spec);
  }

  @Test
  void findsNothingForAnUnknownEnvironment() {
    assertThat(inventory.findEnvironment("env-nobody-nowhere")).isEmpty();
    assertThat(inventory.findSpec("env-nobody-nowhere")).isEmpty();
  }

  @Test
  void refusesAPhaseForAnEnvironmentNeverRecorded() {
    assertThatThrownBy(() -> activities.recordPhase("env-ghost-town", Phase.ACTIVE))
        .hasMessageContaining("env-ghost-town is not in the inventory");
  }

  @Test
  void recordingTheSameResourceTwiceLeavesOneRowWithTheLatestLocation() {
    EnvironmentSpec spec = recorded("twice");
    Resource planned = Resource.planned(ResourceKind.REDIS_USER, "local", spec.name());
    Resource created = new Resource("REDIS_USER", "local", spec.name(), spec.name(), "redis://127.0.0.1:6379");

    activities.recordResource(spec.id(), planned);
    activities.recordResource(spec.id(), created);

    assertThat(inventory.resources(spec.id())).singleElement().satisfies(r -> {
      assertThat(r.resource()).isEqualTo(created);
      assertThat(r.state()).isEqualTo(ResourceState.LIVE);
      assertThat(r.deletedAt()).isEmpty();
    });
  }

  @Test
  void liveResourcesAreNewestFirstAndLeaveOutDeletedOnes() {
    EnvironmentSpec spec = recorded("order");
    Resource redis = resource(ResourceKind.REDIS_USER, spec);
    Resource postgres = resource(ResourceKind.POSTGRES_DATABASE, spec);
    Resource dashboards = resource(ResourceKind.DASHBOARDS, spec);
    Resource secrets = resource(ResourceKind.SECRETS, spec);
    for (Resource resource : List.of(redis, postgres, dashboards, secrets)) {
      activities.recordResource(spec.id(), resource);
    }

    activities.recordResourceDeleted(spec.id(), dashboards);

    assertThat(activities.liveResources(spec.id())).containsExactly(secrets, postgres, redis);
  }

  @Test
  void deletionKeepsTheRowAndIsIdempotent() {
    EnvironmentSpec spec = recorded("deleted");
    Resource redis = resource(ResourceKind.REDIS_USER, spec);
    activities.recordResource(spec.id(), redis);

    activities.recordResourceDeleted(spec.id(), redis);
    var firstDeletion = inventory.resources(spec.id()).get(0).deletedAt();
    activities.recordResourceDeleted(spec.id(), redis);
    activities.recordResourceDeleted(spec.id(), resource(ResourceKind.ALERT_RULES, spec));

    assertThat(inventory.resources(spec.id())).singleElement().satisfies(r -> {
      assertThat(r.state()).isEqualTo(ResourceState.DELETED);
      assertThat(r.deletedAt()).isPresent().isEqualTo(firstDeletion);
    });
    assertThat(activities.liveResources(spec.id())).isEmpty();
  }

  @Test
  void recordingADeletedResourceAgainMakesItLiveAndNewest() {
    EnvironmentSpec spec = recorded("revived");
    Resource redis = resource(ResourceKind.REDIS_USER, spec);
    Resource postgres = resource(ResourceKind.POSTGRES_DATABASE, spec);
    activities.recordResource(spec.id(), redis);
    activities.recordResource(spec.id(), postgres);
    activities.recordResourceDeleted(spec.id(), redis);

    activities.recordResource(spec.id(), redis);

    assertThat(activities.liveResources(spec.id())).containsExactly(redis, postgres);
    assertThat(inventory.resources(spec.id())).hasSize(2).allSatisfy(r -> assertThat(r.deletedAt()).isEmpty());
  }

  @Test
  void auditLogKeepsEveryEntryInOrder() {
    EnvironmentSpec spec = recorded("audited");

    activities.recordAudit(spec.id(), "requested", "dev@example.com", null);
    activities.recordAudit(spec.id(), "approved", "ana", "staging green");

    assertThat(inventory.auditLog(spec.id()))
        .extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("requested", "dev@example.com", null),
            org.assertj.core.groups.Tuple.tuple("approved", "ana", "staging green"));
  }

  @Test
  void auditLogRefusesUpdatesDeletesAndTruncation() {
    EnvironmentSpec spec = recorded("append-only");
    activities.recordAudit(spec.id(), "requested", "dev@example.com", "first");

    assertThatThrownBy(() -> execute(dataSource, "UPDATE audit_log SET reason = 'rewritten'"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> execute(dataSource, "DELETE FROM audit_log"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> execute(dataSource, "TRUNCATE audit_log"))
        .hasMessageContaining("append-only");
    assertThat(inventory.auditLog(spec.id())).extracting(AuditEntry::reason).containsExactly("first");
  }

  private static EnvironmentSpec recorded(String environment) {
    EnvironmentSpec spec = SampleSpecs.local(environment);
    activities.recordEnvironment(spec, Phase.PROVISIONING);
    return spec;
  }

  private static Resource resource(ResourceKind kind, EnvironmentSpec spec) {
    return new Resource(kind.name(), "local", spec.name(), spec.name(), "local/" + kind.name().toLowerCase());
  }

  private static void adminExecute(String sql) throws SQLException {
    try (Connection admin = java.sql.DriverManager.getConnection(
            postgres.jdbcUrl(postgres.adminDatabase()), postgres.adminUser(), postgres.adminPassword());
        var statement = admin.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void execute(DataSource target, String sql) throws SQLException {
    try (Connection connection = target.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
