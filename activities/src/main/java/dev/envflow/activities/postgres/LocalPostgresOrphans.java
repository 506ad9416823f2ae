package dev.envflow.activities.postgres;

import dev.envflow.activities.sweep.FoundResource;
import dev.envflow.activities.sweep.Mark;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.activities.sweep.Presence;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The local PostgreSQL server as the orphan sweep sees it: every role and database whose comment is envflow's
 * ownership marker ({@code envflow:env-{name}}) and whose name is the identifier of that environment name. A role and
 * a database of one environment are one resource, as the inventory records them. Deleting goes through the provider's
 * own checks, so nothing without the marker is dropped.
 */
final class LocalPostgresOrphans implements OrphanFinder {

  private static final String MARKER_PREFIX = PostgresNames.ownershipMarker("");
  private static final String MARKED = """
      SELECT 'role', rolname, shobj_description(oid, 'pg_authid') FROM pg_roles
      WHERE shobj_description(oid, 'pg_authid') LIKE ?
      UNION ALL
      SELECT 'database', datname, shobj_description(oid, 'pg_database') FROM pg_database
      WHERE shobj_description(oid, 'pg_database') LIKE ?""";

  private final LocalPostgresProvider provider;

  LocalPostgresOrphans(LocalPostgresProvider provider) {
    this.provider = provider;
  }

  @Override
  public String provider() {
    return LocalPostgresProvider.PROVIDER;
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(ResourceKind.POSTGRES_DATABASE);
  }

  @Override
  public List<FoundResource> owned(Set<String> environmentNames) {
    Map<String, List<String>> marked = new TreeMap<>();
    try (Connection admin = provider.adminConnection(provider.admin().adminDatabase());
        PreparedStatement statement = admin.prepareStatement(MARKED)) {
      String pattern = MARKER_PREFIX + "%";
      statement.setString(1, pattern);
      statement.setString(2, pattern);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String name = rows.getString(3).substring(MARKER_PREFIX.length());
          if (PostgresNames.identifier(name).equals(rows.getString(2))) {
            marked.computeIfAbsent(name, n -> new ArrayList<>()).add(rows.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw provider.adminFailure(e, "listing the roles and databases envflow made");
    }
    List<FoundResource> found = new ArrayList<>();
    marked.forEach((name, what) -> found.add(new FoundResource(ResourceKind.POSTGRES_DATABASE.name(), provider(), name,
        PostgresNames.identifier(name), Mark.ENVFLOW, String.join(" and ", what) + " " + PostgresNames.identifier(name)
        + (what.size() > 1 ? " carry" : " carries") + " envflow's comment " + PostgresNames.ownershipMarker(name),
        Optional.empty())));
    return found;
  }

  /** The database is the resource: once it is gone, so is the environment's data, whatever became of the role. */
  @Override
  public Presence presence(Resource recorded) {
    try (Connection admin = provider.adminConnection(provider.admin().adminDatabase());
        PreparedStatement statement = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      statement.setString(1, PostgresNames.identifier(recorded.name()));
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Presence.PRESENT : Presence.GONE;
      }
    } catch (SQLException e) {
      throw provider.adminFailure(e, "looking for the database of " + recorded.name());
    }
  }

  @Override
  public void delete(FoundResource orphan) {
    provider.dropOwned(orphan.name());
  }

  @Override
  public void forgetSecrets(FoundResource orphan) {
    provider.forgetSecrets(orphan.name());
  }
}
