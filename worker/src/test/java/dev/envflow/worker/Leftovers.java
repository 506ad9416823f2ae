package dev.envflow.worker;

import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.redis.RedisAdminConfig;
import dev.envflow.worker.embedded.LocalDataServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Looks, as the admin, for anything an environment left behind: roles, databases, ACL users, keys, files,
 * stored secrets.
 */
final class Leftovers {

  private final LocalDataServices data;
  private final Path stateDir;
  private final String inventoryDatabase;

  Leftovers(LocalDataServices data, Path stateDir) {
    this(data, stateDir, "envflow");
  }

  /** {@code inventoryDatabase}: the database, on the local PostgreSQL server, of envflow's inventory. */
  Leftovers(LocalDataServices data, Path stateDir, String inventoryDatabase) {
    this.data = data;
    this.stateDir = stateDir;
    this.inventoryDatabase = inventoryDatabase;
  }

  /** Everything found for an environment whose resources are named {@code name} (e.g. synckairos-e2e). */
  List<String> of(String name) {
    List<String> found = new ArrayList<>();
    String identifier = name.replace('-', '_');
    PostgresAdminConfig pg = data.postgres();
    try (Connection admin = DriverManager.getConnection(pg.jdbcUrl(pg.adminDatabase()), pg.adminUser(), pg.adminPassword())) {
      found.addAll(names(admin, "SELECT rolname FROM pg_roles WHERE rolname IN (?, ?)", name, identifier, "role "));
      found.addAll(names(admin, "SELECT datname FROM pg_database WHERE datname IN (?, ?)", name, identifier, "database "));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    RedisAdminConfig redis = data.redis();
    try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
      jedis.auth(redis.adminUser(), redis.adminPassword());
      jedis.aclUsers().stream().filter(u -> u.equals(name)).forEach(u -> found.add("ACL user " + u));
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(name + ":*").count(500));
        page.getResult().forEach(key -> found.add("key " + key));
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    found.addAll(filesMentioning(name));
    found.addAll(storedSecrets(name, identifier));
    return found;
  }

  /** Secrets left in the shared store (the {@code secrets} table of the inventory database). */
  private List<String> storedSecrets(String name, String identifier) {
    PostgresAdminConfig pg = data.postgres();
    try (Connection inventory = DriverManager.getConnection(pg.jdbcUrl(inventoryDatabase), pg.adminUser(), pg.adminPassword())) {
      return names(inventory, "SELECT name FROM secrets WHERE split_part(name, '/', 2) IN (?, ?)", name, identifier,
          "secret ");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> filesMentioning(String name) {
    List<String> files = new ArrayList<>();
    for (String dir : List.of("environments", "monitoring", "secrets")) {
      Path root = stateDir.resolve(dir);
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> mentions(root.relativize(p), name))
            .forEach(p -> files.add("file " + stateDir.relativize(p)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /**
   * True when a folder or file on {@code relative} is named {@code name} (or {@code name.ext}): a substring match
   * counted another environment's files as this one's ({@code synckairos-x-1} inside {@code synckairos-x-12}).
   */
  static boolean mentions(Path relative, String name) {
    for (Path element : relative) {
      String part = element.toString();
      if (part.equals(name) || part.startsWith(name + ".")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> names(Connection admin, String sql, String a, String b, String label) throws SQLException {
    List<String> names = new ArrayList<>();
    try (var statement = admin.prepareStatement(sql)) {
      statement.setString(1, a);
      statement.setString(2, b);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(label + rows.getString(1));
        }
      }
    }
    return names;
  }
}
