package dev.envflow.activities.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * envflow's inventory of environments, their resources and the audit log, in PostgreSQL over plain JDBC.
 * Every write is idempotent: recording the same thing twice leaves one row.
 */
public class Inventory {

  /** Where the inventory's Flyway migrations live. */
  public static final String MIGRATIONS = "classpath:migrations/inventory";

  /** Flyway's history table for the inventory, apart from any other schema history in the same database. */
  public static final String HISTORY_TABLE = "envflow_schema_history";

  private static final String UPSERT_ENVIRONMENT = """
      INSERT INTO environments (id, app, environment, tier, spec, phase, requested_by)
      VALUES (?, ?, ?, ?, CAST(? AS JSONB), ?, ?)
      ON CONFLICT (id) DO UPDATE SET
        tier = EXCLUDED.tier, spec = EXCLUDED.spec, phase = EXCLUDED.phase,
        requested_by = EXCLUDED.requested_by, updated_at = clock_timestamp()""";

  private static final String UPSERT_RESOURCE = """
      INSERT INTO resources (environment_id, kind, provider, name, external_id, location, state)
      VALUES (?, ?, ?, ?, ?, ?, 'LIVE')
      ON CONFLICT (environment_id, kind, name) DO UPDATE SET
        provider = EXCLUDED.provider,
        external_id = CASE WHEN resources.state = 'LIVE' AND EXCLUDED.location IS NULL
          AND EXCLUDED.external_id = EXCLUDED.name THEN resources.external_id ELSE EXCLUDED.external_id END,
        location = CASE WHEN resources.state = 'LIVE' AND EXCLUDED.location IS NULL
          THEN resources.location ELSE EXCLUDED.location END,
        created_at = CASE WHEN resources.state = 'DELETED' THEN clock_timestamp() ELSE resources.created_at END,
        state = 'LIVE', deleted_at = NULL""";

  private static final String MARK_RESOURCE_DELETED = """
      UPDATE resources SET state = 'DELETED', deleted_at = clock_timestamp()
      WHERE environment_id = ? AND kind = ? AND name = ? AND state = 'LIVE'""";

  private static final String ENVIRONMENT_COLUMNS =
      "SELECT id, app, environment, tier, phase, requested_by, created_at, updated_at FROM environments";

  private static final String EVERY_RESOURCE = """
      SELECT environment_id, kind, provider, name, external_id, location, state, created_at, deleted_at
      FROM resources""";

  private static final String RESOURCE_COLUMNS = EVERY_RESOURCE + " WHERE environment_id = ?";

  private final DataSource dataSource;
  private final ObjectMapper json;

  public Inventory(DataSource dataSource) {
    this(dataSource, new ObjectMapper());
  }

  public Inventory(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  /** Brings the inventory schema up to date; running it again applies nothing new. */
  public void migrate() {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(MIGRATIONS)
        .table(HISTORY_TABLE)
        .load()
        .migrate();
  }

  /** Records the environment with its spec and phase, or updates them when it is already recorded. */
  public void recordEnvironment(EnvironmentSpec spec, Phase phase) {
    update("record environment " + spec.id(), UPSERT_ENVIRONMENT,
        spec.id(), spec.app(), spec.environment(), spec.tier(), toJson(spec), phase.name(), spec.requestedBy());
  }

  /** Sets the environment's phase; fails when the environment was never recorded. */
  public void recordPhase(String environmentId, Phase phase) {
    int rows = update("record phase of " + environmentId,
        "UPDATE environments SET phase = ?, updated_at = clock_timestamp() WHERE id = ?", phase.name(), environmentId);
    if (rows == 0) {
      throw new IllegalStateException("environment " + environmentId + " is not in the inventory");
    }
  }

  /** Records the resource as live; recording it again updates its provider id and location. */
  public void recordResource(String environmentId, Resource resource) {
    update("record " + resource.kind() + " " + resource.name(), UPSERT_RESOURCE, environmentId, resource.kind(),
        resource.provider(), resource.name(), resource.externalId(), resource.location());
  }

  /** The resource's row, live or deleted, if it was ever recorded. */
  public Optional<ResourceRecord> findResource(String environmentId, String kind, String name) {
    return query("find " + kind + " " + name + " of " + environmentId, RESOURCE_COLUMNS + " AND kind = ? AND name = ?",
        this::resource, environmentId, kind, name).stream().findFirst();
  }

  /** Records the provider's id of a live resource (a provider claims what it just created). */
  public void recordExternalId(String environmentId, String kind, String name, String externalId) {
    update("record the id of " + kind + " " + name, "UPDATE resources SET external_id = ?"
        + " WHERE environment_id = ? AND kind = ? AND name = ? AND state = 'LIVE'", externalId, environmentId, kind, name);
  }

  /** Marks the resource deleted, keeping its row; a resource never recorded or already deleted is left as is. */
  public void recordResourceDeleted(String environmentId, Resource resource) {
    update("record deletion of " + resource.kind() + " " + resource.name(), MARK_RESOURCE_DELETED,
        environmentId, resource.kind(), resource.name());
  }

  /** Appends one entry to the audit log. */
  public void recordAudit(String environmentId, String action, String actor, String reason) {
    recordAudit(environmentId, action, actor, reason, null);
  }

  /**
   * Appends one entry to the audit log unless an entry with the same {@code idempotencyKey} is there already: a
   * retried write whose first attempt committed but lost its answer adds nothing. A null key always appends.
   */
  public void recordAudit(String environmentId, String action, String actor, String reason, String idempotencyKey) {
    update("append to the audit log of " + environmentId,
        "INSERT INTO audit_log (environment_id, action, actor, reason, idempotency_key) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (idempotency_key) DO NOTHING",
        environmentId, action, actor, reason, idempotencyKey);
  }

  /** Every environment, most recently changed first. */
  public List<EnvironmentRecord> listEnvironments() {
    return query("list environments", ENVIRONMENT_COLUMNS + " ORDER BY updated_at DESC, id", this::environment);
  }

  public Optional<EnvironmentRecord> findEnvironment(String environmentId) {
    return query("find environment " + environmentId, ENVIRONMENT_COLUMNS + " WHERE id = ?", this::environment,
        environmentId).stream().findFirst();
  }

  /** The spec the environment was last recorded with. */
  public Optional<EnvironmentSpec> findSpec(String environmentId) {
    return query("read the spec of " + environmentId, "SELECT spec FROM environments WHERE id = ?",
        rows -> fromJson(rows.getString(1)), environmentId).stream().findFirst();
  }

  /** Every resource ever recorded for the environment, live and deleted, in the order they were recorded. */
  public List<ResourceRecord> resources(String environmentId) {
    return query("list resources of " + environmentId, RESOURCE_COLUMNS + " ORDER BY id", this::resource,
        environmentId);
  }

  /** Every resource ever recorded, of every environment, live and deleted, in the order they were recorded. */
  public List<ResourceRecord> allResources() {
    return query("list every resource", EVERY_RESOURCE + " ORDER BY id", this::resource);
  }

  /** The environment's live resources, newest first (ties broken by the later recording). */
  public List<Resource> liveResources(String environmentId) {
    return query("list live resources of " + environmentId,
        RESOURCE_COLUMNS + " AND state = 'LIVE' ORDER BY created_at DESC, id DESC", this::resource, environmentId)
        .stream().map(ResourceRecord::resource).toList();
  }

  /** The environment's audit log, oldest first. */
  public List<AuditEntry> auditLog(String environmentId) {
    return query("read the audit log of " + environmentId,
        "SELECT id, environment_id, action, actor, reason, at FROM audit_log WHERE environment_id = ? ORDER BY id",
        rows -> new AuditEntry(rows.getLong("id"), rows.getString("environment_id"), rows.getString("action"),
            rows.getString("actor"), rows.getString("reason"), instant(rows, "at")),
        environmentId);
  }

  private EnvironmentRecord environment(ResultSet rows) throws SQLException {
    return new EnvironmentRecord(rows.getString("id"), rows.getString("app"), rows.getString("environment"),
        rows.getString("tier"), Phase.valueOf(rows.getString("phase")), rows.getString("requested_by"),
        instant(rows, "created_at"), instant(rows, "updated_at"));
  }

  private ResourceRecord resource(ResultSet rows) throws SQLException {
    Resource resource = new Resource(rows.getString("kind"), rows.getString("provider"), rows.getString("name"),
        rows.getString("external_id"), rows.getString("location"));
    return new ResourceRecord(rows.getString("environment_id"), resource,
        ResourceState.valueOf(rows.getString("state")), instant(rows, "created_at"),
        Optional.ofNullable(rows.getTimestamp("deleted_at")).map(Timestamp::toInstant));
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    return rows.getTimestamp(column).toInstant();
  }

  private String toJson(EnvironmentSpec spec) {
    try {
      return json.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the spec of " + spec.id() + " as JSON", e);
    }
  }

  private EnvironmentSpec fromJson(String text) {
    try {
      return json.readValue(text, EnvironmentSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored spec is not readable: " + e.getOriginalMessage(), e);
    }
  }

  private int update(String what, String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new InventoryException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private <T> List<T> query(String what, String sql, RowMapper<T> mapper, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    } catch (SQLException e) {
      throw new InventoryException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rows) throws SQLException;
  }
}
