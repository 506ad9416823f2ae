package dev.envflow.worker.embedded;

import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.redis.RedisAdminConfig;
import dev.envflow.activities.embedded.EmbeddedPostgresServer;
import dev.envflow.activities.embedded.EmbeddedRedisServer;
import dev.envflow.activities.secrets.SecretStore;
import java.io.IOException;
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

  /** The prefix of the secrets that belong to this machine's embedded servers and stay in its files. */
  public static final String MACHINE_LOCAL_SECRETS = "embedded/";

  private static final String REDIS_ADMIN_SECRET = MACHINE_LOCAL_SECRETS + "redis-admin";

  private final PostgresAdminConfig postgres;
  private final RedisAdminConfig redis;
  private final EmbeddedPostgresServer embeddedPostgres;
  private final EmbeddedRedisServer embeddedRedis;

  private LocalDataServices(
      PostgresAdminConfig postgres, RedisAdminConfig redis, EmbeddedPostgresServer embeddedPostgres, EmbeddedRedisServer embeddedRedis) {
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
    PostgresAdminConfig postgres;
    if (present(postgresAdminUrl)) {
      postgres = PostgresAdminConfig.fromJdbcUrl(postgresAdminUrl.startsWith("jdbc:") ? postgresAdminUrl : "jdbc:" + postgresAdminUrl);
    } else {
      postgres = probeLocalhost ? probePostgres(env.apply("PGPASSWORD")).orElse(null) : null;
      if (postgres == null) {
        embeddedPostgres = EmbeddedPostgresServer.start(
            stateDir.resolve("postgres/data"), stateDir.resolve("postgres/bin"), postgresPort, "ENVFLOW_EMBEDDED_POSTGRES_PORT");
        postgres = new PostgresAdminConfig("127.0.0.1", embeddedPostgres.port(), "postgres", "", "postgres");
        log.info("started embedded PostgreSQL on 127.0.0.1:{} (data in {})", embeddedPostgres.port(), stateDir.resolve("postgres/data"));
      } else {
        log.info("using the PostgreSQL answering on localhost:5432");
      }
    }
    try {
      RedisChoice redis = redis(redisAdminUrl, stateDir, redisPort, probeLocalhost, secrets, env);
      return new LocalDataServices(postgres, redis.config(), embeddedPostgres, redis.embedded());
    } catch (RuntimeException e) {
      if (embeddedPostgres != null) {
        embeddedPostgres.close();
      }
      throw e;
    }
  }

  /** The Redis to administer, and the embedded server when envflow started one. */
  private record RedisChoice(RedisAdminConfig config, EmbeddedRedisServer embedded) {}

  private static RedisChoice redis(String redisAdminUrl, Path stateDir, int redisPort, boolean probeLocalhost,
      SecretStore secrets, Function<String, String> env) {
    RedisAdminConfig redis;
    EmbeddedRedisServer embeddedRedis = null;
    if (present(redisAdminUrl)) {
      redis = RedisAdminConfig.fromUrl(redisAdminUrl);
    } else {
      redis = probeLocalhost ? probeRedis(env.apply("REDISCLI_AUTH")).orElse(null) : null;
      if (redis == null) {
        String password = secrets.get(REDIS_ADMIN_SECRET).orElseGet(() -> {
          String generated = randomPassword();
          secrets.put(REDIS_ADMIN_SECRET, generated);
          return generated;
        });
        embeddedRedis = EmbeddedRedisServer.start(stateDir.resolve("redis"), redisPort, password, "ENVFLOW_EMBEDDED_REDIS_PORT");
        redis = new RedisAdminConfig("127.0.0.1", embeddedRedis.port(), "default", password);
        log.info("started embedded Redis on 127.0.0.1:{} (data in {})", embeddedRedis.port(), stateDir.resolve("redis"));
      } else {
        log.info("using the Redis answering on localhost:6379");
      }
    }
    return new RedisChoice(redis, embeddedRedis);
  }

  public PostgresAdminConfig postgres() {
    return postgres;
  }

  public RedisAdminConfig redis() {
    return redis;
  }

  /** A JDBC URL for {@code database} on the PostgreSQL server, creating the database when it is missing. */
  public String ensureDatabase(String database) {
    try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()), postgres.adminUser(), postgres.adminPassword());
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
    return postgres.jdbcUrl(database);
  }

  private static Optional<PostgresAdminConfig> probePostgres(String password) {
    PostgresAdminConfig candidate = new PostgresAdminConfig("localhost", 5432, "postgres", password == null ? "" : password, "postgres");
    if (!answers(candidate.host(), candidate.port())) {
      return Optional.empty();
    }
    try (Connection ignored = DriverManager.getConnection(
        "jdbc:postgresql://localhost:5432/postgres?connectTimeout=2", candidate.adminUser(), candidate.adminPassword())) {
      return Optional.of(candidate);
    } catch (SQLException e) {
      log.warn("a PostgreSQL answers on localhost:5432 but envflow cannot log in as postgres ({}); "
          + "set ENVFLOW_POSTGRES_ADMIN_URL to use it. Starting an embedded one instead.", e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<RedisAdminConfig> probeRedis(String password) {
    if (!answers("localhost", 6379)) {
      return Optional.empty();
    }
    try (Jedis jedis = new Jedis("localhost", 6379, 2000)) {
      if (password != null && !password.isEmpty()) {
        jedis.auth(password);
      }
      jedis.aclWhoAmI();
      return Optional.of(new RedisAdminConfig("localhost", 6379, "default", password));
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
