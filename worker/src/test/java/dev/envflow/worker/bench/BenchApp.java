package dev.envflow.worker.bench;

import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.redis.RedisAdminConfig;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.worker.EnvflowApplication;
import dev.envflow.worker.security.TestKeys;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole envflow application as a user runs it — worker, API, inventory, secret store — with the nop provider
 * enabled, the local providers on the shared test PostgreSQL and Redis, and its inventory in a database of its own.
 */
final class BenchApp implements AutoCloseable {

  static final String ADMIN_TOKEN = "efw_bench-admin-token";
  static final String INVENTORY = "bench_inventory";

  private final ConfigurableApplicationContext context;

  private BenchApp(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * @param temporal {@code in-process} for the embedded server, else a frontend such as {@code 127.0.0.1:7233}
   * @param freshInventory drop and create the inventory database first
   */
  static BenchApp start(Path stateDir, String temporal, boolean freshInventory) throws Exception {
    if (freshInventory) {
      adminExecute("DROP DATABASE IF EXISTS " + INVENTORY + " WITH (FORCE)");
      adminExecute("CREATE DATABASE " + INVENTORY);
    }
    PostgresAdminConfig postgres = LocalServices.postgres();
    RedisAdminConfig redis = LocalServices.redis();
    String postgresAdmin = "postgresql://" + encode(postgres.adminUser()) + ":" + encode(postgres.adminPassword())
        + "@" + postgres.host() + ":" + postgres.port() + "/";
    ConfigurableApplicationContext context = new SpringApplicationBuilder(EnvflowApplication.class).run(
        "--server.port=0",
        "--ENVFLOW_ADMIN_TOKEN=" + ADMIN_TOKEN,
        "--ENVFLOW_NOP_PROVIDER=true",
        "--envflow.state-dir=" + stateDir,
        "--spring.temporal.connection.target=" + temporal,
        "--envflow.database-url=" + postgresAdmin + INVENTORY,
        "--envflow.postgres.admin-url=" + postgresAdmin + postgres.adminDatabase(),
        "--envflow.redis.admin-url=redis://" + encode(redis.adminUser()) + ":" + encode(redis.adminPassword()) + "@"
            + redis.host() + ":" + redis.port(),
        "--envflow.embedded.probe-localhost=false",
        "--envflow.encryption.codec-keys=" + TestKeys.entry("bench", 21),
        "--envflow.encryption.secret-keys=" + TestKeys.entry("bench", 22),
        "--logging.level.root=WARN",
        "--logging.level.dev.envflow=WARN");
    return new BenchApp(context);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  WorkflowClient client() {
    return bean(WorkflowClient.class);
  }

  URI api(String path) {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() {
    context.close();
  }

  static void adminExecute(String sql) throws Exception {
    PostgresAdminConfig postgres = LocalServices.postgres();
    try (Connection admin = DriverManager.getConnection(
            postgres.jdbcUrl(postgres.adminDatabase()), postgres.adminUser(), postgres.adminPassword());
        Statement statement = admin.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String encode(String value) {
    return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
