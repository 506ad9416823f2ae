package dev.envflow.activities.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An embedded PostgreSQL (zonky) whose data lives under the state directory, so a restart keeps what was
 * provisioned. Its superuser {@code postgres} is trusted from loopback only (that is how the embedded
 * server is managed); every other role must log in with its password, so wrong credentials fail as they
 * would on a real server.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  static final String PG_HBA = """
      # written by envflow: the admin is trusted on loopback, everyone else needs a password
      local all postgres trust
      host  all postgres 127.0.0.1/32 trust
      host  all postgres ::1/128 trust
      local all all scram-sha-256
      host  all all 127.0.0.1/32 scram-sha-256
      host  all all ::1/128 scram-sha-256
      """;

  static final String PID_FILE = "postmaster.pid";

  private final EmbeddedPostgres postgres;
  private final Optional<ParentWatchdog> watchdog;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Optional<ParentWatchdog> watchdog) {
    this.postgres = postgres;
    this.watchdog = watchdog;
  }

  /** Starts (or restarts over existing data in) {@code dataDirectory}; binaries unpack into {@code workDirectory}. */
  public static EmbeddedPostgresServer start(Path dataDirectory, Path workDirectory, int port) {
    return start(dataDirectory, workDirectory, port, "the embedded PostgreSQL's port setting");
  }

  /**
   * Starts as above, first stopping a server a killed envflow left running on the same data directory; a
   * {@code port} taken by another program fails with one line naming {@code portSetting}.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, Path workDirectory, int port, String portSetting) {
    Path data = dataDirectory.toAbsolutePath();
    StaleServers.stopIfOurs(data.resolve(PID_FILE), List.of("postgres", data.toString()), "INT");
    StaleServers.requireFreePort(port, "PostgreSQL", portSetting);
    try {
      Files.createDirectories(workDirectory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setOverrideWorkingDirectory(workDirectory.toFile())
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("password_encryption", "scram-sha-256")
          .setPGStartupWait(Duration.ofSeconds(30))
          .setDataDirectoryCustomizer(dir -> writePgHba(dir.toPath()));
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres started = builder.start();
      Optional<ParentWatchdog> watchdog = StaleServers.readPid(data.resolve(PID_FILE))
          .flatMap(pid -> ParentWatchdog.watch(pid, "INT"));
      return new EmbeddedPostgresServer(started, watchdog);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  static void writePgHba(Path dataDirectory) {
    try {
      Files.writeString(dataDirectory.resolve("pg_hba.conf"), PG_HBA);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    watchdog.ifPresent(ParentWatchdog::close);
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    }
    removeUnusedDefaultWorkingDirectory();
  }

  /** zonky makes {@code $TMPDIR/embedded-pg} even when told to work elsewhere; leave nothing behind. */
  private static void removeUnusedDefaultWorkingDirectory() {
    try {
      Files.deleteIfExists(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"));
    } catch (IOException notEmptyOrInUse) {
      // someone else's binaries are in it: not ours to remove
    }
  }
}
