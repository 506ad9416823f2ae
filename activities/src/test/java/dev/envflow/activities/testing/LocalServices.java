package dev.envflow.activities.testing;

import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.postgres.StrongPasswords;
import dev.envflow.activities.redis.RedisAdminConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import redis.embedded.RedisServer;

/**
 * The PostgreSQL and Redis servers activity tests run against, started once per JVM and stopped (their data
 * directories deleted) when the JVM exits. {@code ENVFLOW_TEST_POSTGRES_URL} (a jdbc URL with the admin user
 * and password) and {@code ENVFLOW_TEST_REDIS_URL} ({@code redis://user:pass@host:port}) select real servers
 * instead. The embedded PostgreSQL trusts only its {@code postgres} superuser from localhost and asks every
 * other role for its password, so wrong credentials really fail.
 */
public final class LocalServices {

  private static PostgresAdminConfig postgres;
  private static RedisAdminConfig redis;

  private LocalServices() {}

  /** The admin configuration of the test PostgreSQL server, starting the embedded one on first use. */
  public static synchronized PostgresAdminConfig postgres() {
    if (postgres == null) {
      String url = System.getenv("ENVFLOW_TEST_POSTGRES_URL");
      postgres = url != null && !url.isBlank() ? PostgresAdminConfig.fromJdbcUrl(url) : startEmbeddedPostgres();
    }
    return postgres;
  }

  /** The admin configuration of the test Redis server, starting the embedded one on first use. */
  public static synchronized RedisAdminConfig redis() {
    if (redis == null) {
      String url = System.getenv("ENVFLOW_TEST_REDIS_URL");
      redis = url != null && !url.isBlank() ? RedisAdminConfig.fromUrl(url) : startEmbeddedRedis();
    }
    return redis;
  }

  private static PostgresAdminConfig startEmbeddedPostgres() {
    Path dataDirectory = temporaryDirectory("envflow-test-postgres");
    try {
      EmbeddedPostgres server = EmbeddedPostgres.builder()
          .setPort(freePort())
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(true)
          .setDataDirectoryCustomizer(directory -> writePasswordAuthentication(directory.toPath()))
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        closeQuietly(server);
        deleteRecursively(dataDirectory);
      }, "envflow-test-postgres-stop"));
      return new PostgresAdminConfig("127.0.0.1", server.getPort(), "postgres", "", "postgres");
    } catch (IOException e) {
      deleteRecursively(dataDirectory);
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  private static void writePasswordAuthentication(Path dataDirectory) {
    String rules = String.join("\n",
        "local all postgres trust",
        "host all postgres 127.0.0.1/32 trust",
        "host all postgres ::1/128 trust",
        "local all all scram-sha-256",
        "host all all 127.0.0.1/32 scram-sha-256",
        "host all all ::1/128 scram-sha-256",
        "");
    try {
      Files.writeString(dataDirectory.resolve("pg_hba.conf"), rules);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write pg_hba.conf", e);
    }
  }

  private static RedisAdminConfig startEmbeddedRedis() {
    Path directory = temporaryDirectory("envflow-test-redis");
    String password = StrongPasswords.generate();
    int port = freePort();
    try {
      Path config = directory.resolve("redis.conf");
      Files.writeString(config, String.join("\n",
          "bind 127.0.0.1",
          "port " + port,
          "dir " + directory,
          "save \"\"",
          "appendonly no",
          "requirepass " + password,
          ""));
      RedisServer server = RedisServer.newRedisServer().port(port).configFile(config).build();
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.stop();
        } catch (IOException e) {
          System.err.println("cannot stop the embedded Redis: " + e.getMessage());
        }
        deleteRecursively(directory);
      }, "envflow-test-redis-stop"));
      return new RedisAdminConfig("127.0.0.1", port, "default", password);
    } catch (IOException e) {
      deleteRecursively(directory);
      throw new UncheckedIOException("cannot start the embedded Redis", e);
    }
  }

  private static Path temporaryDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static void closeQuietly(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      System.err.println("cannot stop the embedded PostgreSQL: " + e.getMessage());
    }
  }

  /** Deletes a directory tree; used by shutdown hooks and by tests for their own temporary folders. */
  public static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot delete " + directory + ": " + e.getMessage());
    }
  }
}
