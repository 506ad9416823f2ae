package dev.envflow.worker.embedded;

import dev.envflow.activities.secrets.SecretStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * The PostgreSQL and Redis servers the local providers (and envflow's inventory) use: the configured admin
 * URLs; else servers answering on localhost's standard ports that envflow can log in to; else embedded
 * servers with their data under the state directory, stopped on {@link #close()}.
 */
public final class LocalDataServices implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalDataServices.class);
  private static final String REDIS_ADMIN_SECRET = "embedded/redis-admin";

  private final AdminEndpoint postgres;
  private final AdminEndpoint redis;
  private final EmbeddedPostgresServer embeddedPostgres;
  private final EmbeddedRedisServer embeddedRedis;

  private LocalDataServices(
      AdminEndpoint postgres, AdminEndpoint redis, EmbeddedPostgresServer embeddedPostgres, EmbeddedRedisServer embeddedRedis) {
    this.postgres = postgres;
    this.redis = redis;
    this.embeddedPostgres = embeddedPostgres;
    this.embeddedRedis = embeddedRedis;
  }

  /**
   * Resolves both servers. {@code env} reads environment variables ({@code PGPASSWORD}, {@code REDISCLI_AUTH})
   * used when probing localhost.
   */
  public static LocalDataServices start(
      String postgresAdminUrl, String redisAdminUrl, Path stateDir, int postgresPort, int redisPort,
      boolean probeLocalhost, SecretStore secrets, Function<String, String> env) {
    EmbeddedPostgresServer embeddedPostgres = null;
    EmbeddedRedisServer embeddedRedis = null;
    AdminEndpoint postgres;
    if (present(postgresAdminUrl)) {
      postgres = AdminEndpoint.parse(postgresAdminUrl, 5432, "postgres", "postgres");
    } else {
      postgres = probeLocalhost ? probePostgres(env.apply("PGPASSWORD")).orElse(null) : null;
      if (postgres == null) {
        embeddedPostgres = EmbeddedPostgresServer.start(
            stateDir.resolve("postgres/data"), stateDir.resolve("postgres/bin"), postgresPort);
        postgres = new AdminEndpoint("127.0.0.1", embeddedPostgres.port(), "postgres", "", "postgres");
        log.info("started embedded PostgreSQL on 127.0.0.1:{} (data in {})", embeddedPostgres.port(), stateDir.resolve("postgres/data"));
      } else {
        log.info("using the PostgreSQL answering on localhost:5432");
      }
    }
    AdminEndpoint redis;
    if (present(redisAdminUrl)) {
      redis = AdminEndpoint.parse(redisAdminUrl, 6379, "default", "");
    } else {
      redis = probeLocalhost ? probeRedis(env.apply("REDISCLI_AUTH")).orElse(null) : null;
      if (redis == null) {
        String password = secrets.get(REDIS_ADMIN_SECRET).orElseGet(() -> {
          String generated = randomPassword();
          secrets.put(REDIS_ADMIN_SECRET, generated);
          return generated;
        });
        int port = redisPort > 0 ? redisPort : freePort();
        embeddedRedis = EmbeddedRedisServer.start(stateDir.resolve("redis"), port, password);
        redis = new AdminEndpoint("127.0.0.1", port, "default", password, "");
        log.info("started embedded Redis on 127.0.0.1:{} (data in {})", port, stateDir.resolve("redis"));
      } else {
        log.info("using the Redis answering on localhost:6379");
      }
    }
    return new LocalDataServices(postgres, redis, embeddedPostgres, embeddedRedis);
  }

  public AdminEndpoint postgres() {
    return postgres;
  }

  public AdminEndpoint redis() {
    return redis;
  }

  /** A JDBC URL for {@code database} on the PostgreSQL server, creating the database when it is missing. */
  public String ensureDatabase(String database) {
    try (Connection admin = DriverManager.getConnection(jdbcUrl(postgres.database()), postgres.user(), postgres.password());
        var exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      if (!exists.executeQuery().next()) {
        try (var create = admin.createStatement()) {
          create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare database " + database + " on " + postgres + ": " + e.getMessage(), e);
    }
    return jdbcUrl(database);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + database;
  }

  private static Optional<AdminEndpoint> probePostgres(String password) {
    AdminEndpoint candidate = new AdminEndpoint("localhost", 5432, "postgres", password == null ? "" : password, "postgres");
    if (!answers(candidate.host(), candidate.port())) {
      return Optional.empty();
    }
    try (Connection ignored = DriverManager.getConnection(
        "jdbc:postgresql://localhost:5432/postgres?connectTimeout=2", candidate.user(), candidate.password())) {
      return Optional.of(candidate);
    } catch (SQLException e) {
      log.warn("a PostgreSQL answers on localhost:5432 but envflow cannot log in as postgres ({}); "
          + "set ENVFLOW_POSTGRES_ADMIN_URL to use it. Starting an embedded one instead.", e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<AdminEndpoint> probeRedis(String password) {
    if (!answers("localhost", 6379)) {
      return Optional.empty();
    }
    try (Jedis jedis = new Jedis("localhost", 6379, 2000)) {
      if (password != null && !password.isEmpty()) {
        jedis.auth(password);
      }
      jedis.aclWhoAmI();
      return Optional.of(new AdminEndpoint("localhost", 6379, "default", password == null ? "" : password, ""));
    } catch (RuntimeException e) {
      log.warn("a Redis answers on localhost:6379 but envflow cannot administer its ACL ({}); "
          + "set ENVFLOW_REDIS_ADMIN_URL to use it. Starting an embedded one instead.", e.getMessage());
      return Optional.empty();
    }
  }

  private static boolean answers(String host, int port) {
    try (var socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(host, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public void close() {
    if (embeddedRedis != null) {
      embeddedRedis.close();
    }
    if (embeddedPostgres != null) {
      embeddedPostgres.close();
    }
  }
}
