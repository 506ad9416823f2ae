package dev.envflow.activities.testing;

import dev.envflow.activities.embedded.EmbeddedPostgresServer;
import dev.envflow.activities.embedded.EmbeddedRedisServer;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.postgres.StrongPasswords;
import dev.envflow.activities.redis.RedisAdminConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The PostgreSQL and Redis servers of the tests: embedded ones started once per JVM on free ports (the same
 * servers {@code envflow up} embeds), stopped and deleted, binaries included, when the JVM exits. {@code
 * ENVFLOW_TEST_POSTGRES_URL} ({@code jdbc:postgresql://user:password@host:port/db} or with {@code ?user=&password=})
 * and {@code ENVFLOW_TEST_REDIS_URL} ({@code redis://user:pass@host:port}) select real servers instead. The
 * embedded PostgreSQL trusts only its {@code postgres} superuser from localhost and asks every other role for
 * its password, so wrong credentials really fail.
 */
public final class LocalServices {

  private static Path root;
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
    Path directory = root().resolve("postgres");
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory.resolve("data"), directory.resolve("bin"), 0);
    onExit(server);
    return new PostgresAdminConfig("127.0.0.1", server.port(), "postgres", "", "postgres");
  }

  private static RedisAdminConfig startEmbeddedRedis() {
    String password = StrongPasswords.generate();
    EmbeddedRedisServer server = EmbeddedRedisServer.start(root().resolve("redis"), 0, password);
    onExit(server);
    return new RedisAdminConfig("127.0.0.1", server.port(), "default", password);
  }

  /** One temporary folder for both servers, deleted once both have stopped. */
  private static synchronized Path root() {
    if (root == null) {
      try {
        root = Files.createTempDirectory("envflow-test-services");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stopAll();
        deleteRecursively(root);
      }, "envflow-test-services-cleanup"));
    }
    return root;
  }

  private static final java.util.List<AutoCloseable> running = new java.util.ArrayList<>();

  private static synchronized void onExit(AutoCloseable server) {
    running.add(server);
  }

  private static synchronized void stopAll() {
    for (AutoCloseable server : running) {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("cannot stop a test server: " + e.getMessage());
      }
    }
    running.clear();
  }

  /**
   * Deletes a directory tree; used by shutdown hooks and by tests for their own temporary folders. A server that is
   * still stopping removes and writes files during the walk (and a closing Tomcat makes its work folder again), so
   * vanished files are skipped and the deletion is tried again until the tree is gone, for a few seconds at most.
   */
  public static void deleteRecursively(Path directory) {
    for (int attempt = 1; directory != null && Files.exists(directory); attempt++) {
      try {
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException | RuntimeException e) {
        if (attempt >= 25) {
          System.err.println("cannot delete " + directory + ": " + e);
          return;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
