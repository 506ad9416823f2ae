package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.fakes.FakeNeonApi;
import dev.envflow.activities.secrets.DatabaseSecretStore;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import dev.envflow.activities.fakes.FakeRedisServers;
import dev.envflow.activities.fakes.FakeUpstashApi;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole envflow application with cloud providers, configured only through their contract variables and
 * pointed at fakes that behave like the real APIs: the environment reaches ACTIVE with working connection
 * strings, and rollback and teardown leave every fake empty.
 */
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class CloudProvidersEndToEndTest extends EnvflowSpringTest {

  private static final FakeNeonApi NEON = new FakeNeonApi();
  private static final FakeRedisServers REDIS_SERVERS = new FakeRedisServers();
  private static final FakeUpstashApi UPSTASH = new FakeUpstashApi(REDIS_SERVERS);

  @Autowired TestRestTemplate http;
  @Autowired WorkflowClient client;
  @Autowired Path stateDirectory;
  @Autowired DatabaseSecretStore secrets;

  @DynamicPropertySource
  static void cloudProviders(DynamicPropertyRegistry registry) {
    NEON.variables().forEach((name, value) -> registry.add(name, () -> value));
    UPSTASH.variables().forEach((name, value) -> registry.add(name, () -> value));
    registry.add("ENVFLOW_READINESS_POLL_INTERVAL", () -> "PT0.2S");
  }

  @AfterAll
  static void stopFakes() {
    NEON.close();
    UPSTASH.close();
    REDIS_SERVERS.close();
  }

  @BeforeEach
  void admin() {
    authenticateAsAdmin(http);
  }

  @Test
  void neonReachesActiveWithAWorkingPooledDatabaseUrlAndTeardownLeavesTheFakeEmpty() throws Exception {
    ObjectNode spec = spec("neon-e2e");
    ((ObjectNode) spec.get("postgres")).put("provider", "neon");

    JsonNode status = provision(spec);

    assertThat(status.path("phase").asText()).as(status.toPrettyString()).isEqualTo("ACTIVE");
    assertThat(status.toString()).contains("postgres.ready");
    assertThat(NEON.projects()).extracting(p -> p.name).containsOnlyOnce("synckairos-neon-e2e");
    String databaseUrl = dotenv("synckairos-neon-e2e").get("DATABASE_URL");
    assertThat(countSessions(databaseUrl)).isZero();
    assertThat(http.getForObject("/api/environments/env-synckairos-neon-e2e", String.class))
        .doesNotContain(NEON.projects().stream().filter(p -> p.name.equals("synckairos-neon-e2e")).findFirst().orElseThrow().password);

    tearDown("env-synckairos-neon-e2e");
    assertThat(NEON.projects()).extracting(p -> p.name).doesNotContain("synckairos-neon-e2e");
  }

  @Test
  void upstashAndNeonTogetherReachActiveWithWorkingUrlsAndTeardownEmptiesBothFakes() throws Exception {
    ObjectNode spec = spec("cloud-pair");
    ((ObjectNode) spec.get("postgres")).put("provider", "neon");
    ((ObjectNode) spec.get("redis")).put("provider", "upstash").put("tls", false);

    JsonNode status = provision(spec);

    assertThat(status.path("phase").asText()).as(status.toPrettyString()).isEqualTo("ACTIVE");
    assertThat(UPSTASH.databaseNames()).containsOnlyOnce("synckairos-cloud-pair");
    Map<String, String> env = dotenv("synckairos-cloud-pair");
    assertThat(env.get("REDIS_URL")).startsWith("redis://default:");
    try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(java.net.URI.create(env.get("REDIS_URL")))) {
      jedis.set("probe", "ok");
      assertThat(jedis.get("probe")).isEqualTo("ok");
    }
    assertThat(countSessions(env.get("DATABASE_URL"))).isZero();

    tearDown("env-synckairos-cloud-pair");
    assertThat(UPSTASH.databaseNames()).doesNotContain("synckairos-cloud-pair");
    assertThat(NEON.projects()).extracting(p -> p.name).doesNotContain("synckairos-cloud-pair");
  }

  @Test
  void aFailingMigrationRollsBackAndTheNeonProjectIsDeleted() throws Exception {
    ObjectNode spec = spec("neon-broken");
    ((ObjectNode) spec.get("postgres")).put("provider", "neon").put("migrations", "classpath:broken-migrations");
    ((ObjectNode) spec.get("redis")).put("provider", "upstash").put("tls", false);

    JsonNode status = provision(spec);

    assertThat(status.path("phase").asText()).isIn("ROLLED_BACK", "FAILED");
    assertThat(status.path("errors").toString()).contains("postgres.migrate failed");
    assertThat(NEON.projects()).extracting(p -> p.name).doesNotContain("synckairos-neon-broken");
    assertThat(UPSTASH.databaseNames()).doesNotContain("synckairos-neon-broken");
  }

  @Test
  void theLogsOfAWholeRunHoldNoSecretEvenWhenAProviderEchoesAUrlWithAPassword(CapturedOutput output) throws Exception {
    NEON.failNext("POST", "/projects", 503, "0",
        "upstream broke: postgresql://neon_owner:npg_ECHOEDsecret42@ep-x.neon.tech/app is not reachable");
    ObjectNode spec = spec("quiet-logs");
    ((ObjectNode) spec.get("postgres")).put("provider", "neon");
    ((ObjectNode) spec.get("redis")).put("provider", "upstash").put("tls", false);

    JsonNode status = provision(spec);
    assertThat(status.path("phase").asText()).as(status.toPrettyString()).isEqualTo("ACTIVE");
    java.util.Set<String> passwords = new java.util.HashSet<>();
    for (String name : secrets.names()) {
      secrets.get(name).map(java.net.URI::create).map(java.net.URI::getRawUserInfo).filter(info -> info.contains(":"))
          .map(info -> java.net.URLDecoder.decode(info.split(":", 2)[1], java.nio.charset.StandardCharsets.UTF_8))
          .filter(password -> password.length() >= 8).ifPresent(passwords::add);
    }
    tearDown("env-synckairos-quiet-logs");

    assertThat(passwords).as("the run stored passwords to look for").isNotEmpty();
    assertThat(NEON.calls("POST", "/projects")).as("the echoing failure, then the create that worked").hasSizeGreaterThanOrEqualTo(2);
    assertThat(output.getAll()).doesNotContain("npg_ECHOEDsecret42");
    for (String password : passwords) {
      assertThat(output.getAll()).as("the logs").doesNotContain(password);
    }
  }

  @Test
  void providersListsNeonAsServedAndTheOthersWithTheirMissingVariables() {
    String providers = http.getForObject("/api/providers", String.class);

    assertThat(providers).contains("{\"kind\":\"postgres\",\"provider\":\"neon\",\"available\":true")
        .contains("\"provider\":\"supabase\",\"available\":false,\"reason\":\"missing SUPABASE_ACCESS_TOKEN");
  }

  private ObjectNode spec(String environment) throws Exception {
    ObjectNode spec = EndToEndTest.example("synckairos-local.json");
    spec.put("environment", environment);
    ((ObjectNode) spec.get("paas")).put("app", "synckairos-" + environment);
    return spec;
  }

  private JsonNode provision(ObjectNode spec) {
    String id = "env-synckairos-" + spec.get("environment").asText();
    assertThat(http.postForEntity("/api/environments", spec, JsonNode.class).getStatusCode().value()).isEqualTo(202);
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() -> {
      last[0] = http.getForObject("/api/environments/" + id, JsonNode.class);
      return Set.of("ACTIVE", "ROLLED_BACK", "FAILED").contains(last[0].path("phase").asText());
    });
    return last[0];
  }

  private void tearDown(String id) throws Exception {
    http.delete("/api/environments/" + id);
    client.newUntypedWorkflowStub("teardown-" + id).getResult(120, java.util.concurrent.TimeUnit.SECONDS, JsonNode.class);
  }

  private Map<String, String> dotenv(String name) throws Exception {
    Map<String, String> values = new java.util.HashMap<>();
    for (String line : Files.readAllLines(stateDirectory.resolve("environments/" + name + "/.env"))) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        String value = line.substring(equals + 1);
        values.put(line.substring(0, equals), value.startsWith("'") ? value.substring(1, value.length() - 1) : value);
      }
    }
    return values;
  }

  private static long countSessions(String databaseUrl) throws Exception {
    java.net.URI uri = java.net.URI.create(databaseUrl);
    String[] user = uri.getRawUserInfo().split(":", 2);
    String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getPath()
        + "?sslmode=disable";
    try (Connection connection = DriverManager.getConnection(jdbc, java.net.URLDecoder.decode(user[0], "UTF-8"),
        java.net.URLDecoder.decode(user[1], "UTF-8"));
        ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM sync_sessions")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
