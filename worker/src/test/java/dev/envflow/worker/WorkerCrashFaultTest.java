package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.redis.RedisAdminConfig;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.worker.cli.EnvflowMain;
import dev.envflow.worker.security.TestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Scenario 3 of the fault-injection suite (docs/RELIABILITY.md): {@code envflow serve} as a process of its own against
 * {@code envflow dev-server}, provisioning with the real local PostgreSQL and Redis, killed with SIGKILL at random
 * points and started again. Every environment must end ACTIVE with exactly what the inventory lists in PostgreSQL and
 * Redis — no duplicates, no orphans — and teardown must leave nothing. A call that was running on the killed worker is
 * retried once its liveness heartbeats stop ({@code Liveness}, 20 seconds), so the reduced size takes about a minute.
 */
class WorkerCrashFaultTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TOKEN = "efw_crash-admin-token";
  private static final String INVENTORY = "crash_inventory";
  private static final Set<String> FINAL = Set.of("ACTIVE", "ROLLED_BACK", "ROLLBACK_FAILED", "FAILED", "TORN_DOWN");

  private final Random random = new Random();
  private final List<Process> started = new ArrayList<>();

  @Test
  void workersKilledAtRandomPointsLeaveNoDuplicateAndNoOrphan() throws Exception {
    int runs = ChaosReport.size(5, 20);
    int kills = ChaosReport.size(2, 5);
    PostgresAdminConfig postgres = LocalServices.postgres();
    RedisAdminConfig redis = LocalServices.redis();
    StandaloneEnvflow.adminExecute("DROP DATABASE IF EXISTS " + INVENTORY + " WITH (FORCE)");
    StandaloneEnvflow.adminExecute("CREATE DATABASE " + INVENTORY);
    Path state = Files.createTempDirectory("envflow-crash");
    int temporalPort = freePort();
    int apiPort = freePort();
    try {
      Process devServer = start(List.of("dev-server", "--port", Integer.toString(temporalPort)), Map.of(), state.resolve("dev-server.log"));
      awaitLog(state.resolve("dev-server.log"), "listens on 127.0.0.1:" + temporalPort, 60);
      Map<String, String> environment = workerEnvironment(state, temporalPort, apiPort, postgres, redis);
      Process worker = startWorker(environment, state, 0);
      awaitHealthy(apiPort, worker);

      List<String> names = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        ObjectNode spec = (ObjectNode) JSON.readTree(Path.of("..", "examples", "synckairos-local.json").toFile());
        spec.put("environment", "crash-" + i);
        ((ObjectNode) spec.get("paas")).put("app", "synckairos-crash-" + i);
        HttpResponse<String> answer = send(apiPort, HttpRequest.newBuilder(api(apiPort, "/api/environments"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(spec.toString())));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        names.add("synckairos-crash-" + i);
      }
      List<Long> killedAfterMs = new ArrayList<>();
      long begun = System.nanoTime();
      for (int k = 1; k <= kills; k++) {
        Thread.sleep(1000 + random.nextInt(4000));
        worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        killedAfterMs.add((System.nanoTime() - begun) / 1_000_000);
        worker = startWorker(environment, state, k);
        awaitHealthy(apiPort, worker);
      }

      Map<String, String> phases = new HashMap<>();
      Map<String, String> notActive = new TreeMap<>();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(40);
      while (phases.size() < names.size() && System.nanoTime() < deadline) {
        for (String name : names) {
          JsonNode status = JSON.readTree(send(apiPort, HttpRequest.newBuilder(api(apiPort, "/api/environments/env-" + name)).GET()).body());
          if (FINAL.contains(status.path("phase").asText())) {
            phases.put(name, status.path("phase").asText());
            if (!"ACTIVE".equals(status.path("phase").asText())) {
              notActive.put(name, status.toString());
            }
          }
        }
        Thread.sleep(2000);
      }
      int active = (int) names.stream().filter(name -> "ACTIVE".equals(phases.get(name))).count();
      Map<String, Set<String>> inventory = liveInventory(postgres);
      Set<String> inPostgresAndRedis = existing(postgres, redis);
      Set<String> listed = new TreeSet<>();
      inventory.forEach((id, kinds) -> kinds.forEach(kind -> listed.add(kind + " " + id.substring("env-".length()))));
      inPostgresAndRedis.removeIf(entry -> entry.startsWith("key "));
      Set<String> orphans = new TreeSet<>(inPostgresAndRedis);
      orphans.removeAll(listed);
      Set<String> lost = new TreeSet<>(listed);
      lost.removeIf(entry -> !(entry.startsWith("REDIS_USER ") || entry.startsWith("POSTGRES_DATABASE "))
          || inPostgresAndRedis.contains(entry));
      int expected = names.size() * 2;
      String connections = connectionsInUse(postgres);

      for (String name : names) {
        send(apiPort, HttpRequest.newBuilder(api(apiPort, "/api/environments/env-" + name)).DELETE());
      }
      long teardownDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
      while (System.nanoTime() < teardownDeadline && !(existing(postgres, redis).isEmpty() && liveInventory(postgres).isEmpty())) {
        Thread.sleep(2000);
      }
      Set<String> leftovers = existing(postgres, redis);
      liveInventory(postgres).forEach((id, kinds) -> kinds.forEach(kind -> leftovers.add("inventory " + kind + " " + id)));
      leftovers.addAll(files(state));

      ChaosReport.line("3-worker-kill-9", runs, active, leftovers.size(), Map.of("kills", kills, "killedAtMs", killedAfterMs,
          "inPostgresAndRedis", inPostgresAndRedis.size() + " of " + expected, "orphans", orphans, "lostFromInventoryView", lost,
          "leftovers", leftovers, "notActive", notActive,
          "postgresConnections", connections));
      if (!notActive.isEmpty() || !orphans.isEmpty() || inPostgresAndRedis.size() != expected) {
        keepLogs(state);
      }
      assertThat(orphans).as("in PostgreSQL or Redis but not in the inventory").isEmpty();
      assertThat(notActive).as("environments that did not end ACTIVE, with their status").isEmpty();
      assertThat(inPostgresAndRedis).as("one role+database and one ACL user per environment, no duplicates").hasSize(expected);
      assertThat(active).isEqualTo(runs);
      assertThat(leftovers).isEmpty();
      worker.destroy();
      worker.waitFor(30, TimeUnit.SECONDS);
      devServer.destroy();
    } finally {
      started.forEach(Process::destroyForcibly);
      LocalServices.deleteRecursively(state);
    }
  }

  private Map<String, String> workerEnvironment(Path state, int temporalPort, int apiPort, PostgresAdminConfig postgres,
      RedisAdminConfig redis) {
    String credentials = "postgresql://" + encode(postgres.adminUser()) + ":" + encode(postgres.adminPassword()) + "@"
        + postgres.host() + ":" + postgres.port() + "/";
    Map<String, String> environment = new HashMap<>();
    environment.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort);
    environment.put("ENVFLOW_STATE_DIR", state.resolve("worker").toString());
    environment.put("ENVFLOW_PORT", Integer.toString(apiPort));
    environment.put("ENVFLOW_ADMIN_TOKEN", TOKEN);
    environment.put("ENVFLOW_DATABASE_URL", credentials + INVENTORY);
    environment.put("ENVFLOW_POSTGRES_ADMIN_URL", credentials + postgres.adminDatabase());
    environment.put("ENVFLOW_REDIS_ADMIN_URL", "redis://" + encode(redis.adminUser()) + ":" + encode(redis.adminPassword())
        + "@" + redis.host() + ":" + redis.port());
    environment.put("ENVFLOW_CODEC_KEYS", TestKeys.entry("crash", 31));
    environment.put("ENVFLOW_SECRET_KEYS", TestKeys.entry("crash", 32));
    environment.put("ENVFLOW_EMBEDDED_PROBELOCALHOST", "false");
    return environment;
  }

  /** The processes' logs outlive the state folder when something went wrong: target/worker-crash-logs. */
  private static void keepLogs(Path state) throws IOException {
    Path kept = Files.createDirectories(Path.of("target", "worker-crash-logs"));
    try (Stream<Path> logs = Files.list(state)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
        Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    System.out.println("[chaos] worker and dev-server logs kept in " + kept.toAbsolutePath());
  }

  private Process startWorker(Map<String, String> environment, Path state, int generation) throws IOException {
    return start(List.of("serve"), environment, state.resolve("worker-" + generation + ".log"));
  }

  private Process start(List<String> args, Map<String, String> environment, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EnvflowMain.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static void awaitLog(Path log, String text, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no \"" + text + "\" in " + log + ":\n" + (Files.exists(log) ? Files.readString(log) : ""));
  }

  private static void awaitHealthy(int apiPort, Process worker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && worker.isAlive()) {
      try {
        if (send(apiPort, HttpRequest.newBuilder(api(apiPort, "/actuator/health")).GET()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the worker did not become healthy");
  }

  /** The inventory's live resources by environment id. */
  private static Map<String, Set<String>> liveInventory(PostgresAdminConfig postgres) throws Exception {
    Map<String, Set<String>> live = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(INVENTORY), postgres.adminUser(), postgres.adminPassword());
        ResultSet rows = connection.createStatement().executeQuery("SELECT environment_id, kind FROM resources WHERE state = 'LIVE'")) {
      while (rows.next()) {
        live.computeIfAbsent(rows.getString(1), id -> new TreeSet<>()).add(rows.getString(2));
      }
    }
    return live;
  }

  /** How many of the shared PostgreSQL's connection slots are taken (other test classes' applications hold some). */
  private static String connectionsInUse(PostgresAdminConfig postgres) throws Exception {
    try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()), postgres.adminUser(), postgres.adminPassword());
        ResultSet rows = admin.createStatement().executeQuery(
            "SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'), current_setting('max_connections')")) {
      rows.next();
      return rows.getLong(1) + " of " + rows.getString(2);
    }
  }

  /** What exists of the crash environments: a role and database each (as POSTGRES_DATABASE), an ACL user each, keys. */
  private static Set<String> existing(PostgresAdminConfig postgres, RedisAdminConfig redis) throws Exception {
    Set<String> found = new TreeSet<>();
    Map<String, Integer> postgresParts = new HashMap<>();
    try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(postgres.adminDatabase()), postgres.adminUser(), postgres.adminPassword())) {
      for (String sql : List.of("SELECT rolname FROM pg_roles WHERE rolname LIKE 'synckairos%crash%'",
          "SELECT datname FROM pg_database WHERE datname LIKE 'synckairos%crash%'")) {
        try (ResultSet rows = admin.createStatement().executeQuery(sql)) {
          while (rows.next()) {
            postgresParts.merge(rows.getString(1).replace('_', '-'), 1, Integer::sum);
          }
        }
      }
    }
    postgresParts.forEach((name, parts) -> found.add("POSTGRES_DATABASE " + name + (parts == 2 ? "" : " (" + parts + " of role+database)")));
    try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
      jedis.auth(redis.adminUser(), redis.adminPassword());
      jedis.aclUsers().stream().filter(user -> user.startsWith("synckairos-crash-")).forEach(user -> found.add("REDIS_USER " + user));
      jedis.keys("synckairos-crash-*").forEach(key -> found.add("key " + key));
    }
    return found;
  }

  private static List<String> files(Path state) throws IOException {
    List<String> files = new ArrayList<>();
    for (String dir : List.of("worker/environments", "worker/monitoring")) {
      Path root = state.resolve(dir);
      if (Files.exists(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(Files::isRegularFile).filter(p -> p.toString().contains("crash")).forEach(p -> files.add("file " + state.relativize(p)));
        }
      }
    }
    return files;
  }

  private static HttpResponse<String> send(int apiPort, HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI api(int apiPort, String path) {
    return URI.create("http://127.0.0.1:" + apiPort + path);
  }

  private static String encode(String value) {
    return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
