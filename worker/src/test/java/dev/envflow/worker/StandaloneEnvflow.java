package dev.envflow.worker;

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
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole envflow application as a user runs it — worker, API, inventory, secret store — started in this JVM
 * outside Spring's test support, for the benchmark and the fault-injection suite: the nop provider enabled, the
 * local providers on the shared test PostgreSQL and Redis, and its inventory in a database of its own (reached
 * through {@code inventoryAddress}, which may be a proxy standing in for an outage).
 */
public final class StandaloneEnvflow implements AutoCloseable {

  public static final String ADMIN_TOKEN = "efw_standalone-admin-token";

  private final ConfigurableApplicationContext context;

  private StandaloneEnvflow(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * @param temporal {@code in-process} for the embedded server, else a frontend such as {@code 127.0.0.1:7233}
   * @param inventory the inventory database, dropped and created first
   */
  public static StandaloneEnvflow start(Path stateDir, String temporal, String inventory) throws Exception {
    PostgresAdminConfig postgres = LocalServices.postgres();
    return start(stateDir, temporal, inventory, postgres.host() + ":" + postgres.port());
  }

  /** Like {@link #start(Path, String, String)}, with more arguments (e.g. {@code --ENVFLOW_WORKFLOW_CACHE_SIZE=100}). */
  public static StandaloneEnvflow start(Path stateDir, String temporal, String inventory, List<String> more)
      throws Exception {
    PostgresAdminConfig postgres = LocalServices.postgres();
    return start(stateDir, temporal, inventory, postgres.host() + ":" + postgres.port(), more);
  }

  /** Like {@link #start(Path, String, String)}, with the inventory database reached at {@code inventoryAddress}. */
  public static StandaloneEnvflow start(Path stateDir, String temporal, String inventory, String inventoryAddress)
      throws Exception {
    return start(stateDir, temporal, inventory, inventoryAddress, List.of());
  }

  /** Like {@link #start(Path, String, String, String)}, with more {@code --name=value} arguments. */
  public static StandaloneEnvflow start(Path stateDir, String temporal, String inventory, String inventoryAddress,
      String... more) throws Exception {
    return start(stateDir, temporal, inventory, inventoryAddress, List.of(more));
  }

  private static StandaloneEnvflow start(Path stateDir, String temporal, String inventory, String inventoryAddress,
      List<String> more) throws Exception {
    adminExecute("DROP DATABASE IF EXISTS " + inventory + " WITH (FORCE)");
    adminExecute("CREATE DATABASE " + inventory);
    PostgresAdminConfig postgres = LocalServices.postgres();
    RedisAdminConfig redis = LocalServices.redis();
    String credentials = "postgresql://" + encode(postgres.adminUser()) + ":" + encode(postgres.adminPassword()) + "@";
    String postgresAdmin = credentials + postgres.host() + ":" + postgres.port() + "/";
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=0",
        "--ENVFLOW_ADMIN_TOKEN=" + ADMIN_TOKEN,
        "--ENVFLOW_NOP_PROVIDER=true",
        "--envflow.state-dir=" + stateDir,
        "--spring.temporal.connection.target=" + temporal,
        "--envflow.database-url=" + credentials + inventoryAddress + "/" + inventory,
        "--envflow.postgres.admin-url=" + postgresAdmin + postgres.adminDatabase(),
        "--envflow.redis.admin-url=redis://" + encode(redis.adminUser()) + ":" + encode(redis.adminPassword()) + "@"
            + redis.host() + ":" + redis.port(),
        "--envflow.embedded.probe-localhost=false",
        "--envflow.encryption.codec-keys=" + TestKeys.entry("standalone", 21),
        "--envflow.encryption.secret-keys=" + TestKeys.entry("standalone", 22),
        "--logging.level.root=WARN",
        "--logging.level.dev.envflow=WARN"));
    arguments.addAll(more);
    ConfigurableApplicationContext context = new SpringApplicationBuilder(EnvflowApplication.class)
        .run(arguments.toArray(String[]::new));
    return new StandaloneEnvflow(context);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public WorkflowClient client() {
    return bean(WorkflowClient.class);
  }

  public URI api(String path) {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() {
    context.close();
  }

  public static void adminExecute(String sql) throws Exception {
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
