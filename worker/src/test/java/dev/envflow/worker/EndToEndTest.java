package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.worker.embedded.LocalDataServices;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import redis.clients.jedis.Jedis;

/** The whole path on the in-process Temporal server with the local providers and real data servers. */
class EndToEndTest extends EnvflowSpringTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PROVISION_TIMEOUT = Duration.ofSeconds(90);

  @Autowired TestRestTemplate http;

  @org.junit.jupiter.api.BeforeEach
  void authenticate() {
    authenticateAsAdmin(http);
  }
  @Autowired LocalDataServices data;
  @Autowired Path stateDirectory;
  @Autowired WorkflowClient client;

  @Test
  void provisionsAMigratedEnvironmentWhoseSecretsWorkThenTearsItDownLeavingNothing() throws Exception {
    ObjectNode spec = example("synckairos-local.json");
    spec.put("environment", "e2e");
    ((ObjectNode) spec.get("paas")).put("app", "synckairos-e2e");

    ResponseEntity<JsonNode> started = post("/api/environments", spec);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(started.getHeaders().getLocation()).isEqualTo(URI.create("/api/environments/env-synckairos-e2e"));

    JsonNode status = awaitFinalPhase("env-synckairos-e2e");
    assertThat(status.path("phase").asText()).as(status.toPrettyString()).isEqualTo("ACTIVE");
    assertThat(status.path("resources")).extracting(r -> r.path("kind").asText())
        .contains("REDIS_USER", "POSTGRES_DATABASE", "DASHBOARDS", "ALERT_RULES", "SECRETS");

    Map<String, String> secrets = dotenv(stateDirectory.resolve("environments/synckairos-e2e/.env"));
    assertThat(Files.getPosixFilePermissions(stateDirectory.resolve("environments/synckairos-e2e/.env")))
        .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    assertThat(tableCount(secrets.get("DATABASE_URL"), "sync_sessions")).isZero();
    try (Jedis redis = new Jedis(URI.create(secrets.get("REDIS_URL")))) {
      redis.set("synckairos-e2e:probe", "ok");
      assertThat(redis.get("synckairos-e2e:probe")).isEqualTo("ok");
    }
    String password = URI.create(secrets.get("DATABASE_URL")).getUserInfo().split(":", 2)[1];
    assertThat(http.getForObject("/api/environments/env-synckairos-e2e", String.class)).doesNotContain(password);
    assertThat(http.getForObject("/api/environments", String.class)).contains("env-synckairos-e2e");

    ResponseEntity<JsonNode> teardown = http.exchange("/api/environments/env-synckairos-e2e", HttpMethod.DELETE, null, JsonNode.class);
    assertThat(teardown.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    client.newUntypedWorkflowStub("teardown-env-synckairos-e2e").getResult(60, java.util.concurrent.TimeUnit.SECONDS, JsonNode.class);

    assertThat(new Leftovers(data, stateDirectory).of("synckairos-e2e")).isEmpty();
    JsonNode afterTeardown = http.getForObject("/api/environments/env-synckairos-e2e", JsonNode.class);
    assertThat(afterTeardown.path("phase").asText()).isEqualTo("TORN_DOWN");
    assertThat(afterTeardown.path("resources")).isEmpty();

    String metrics = http.getForObject("/actuator/prometheus", String.class);
    assertThat(metrics).containsPattern("envflow_step_seconds_count\\{[^}]*provider=\"local\"[^}]*step=\"create-redis-user\"")
        .containsPattern("envflow_step_seconds_count\\{[^}]*outcome=\"success\"[^}]*step=\"migrate-database\"")
        .containsPattern("envflow_provisioning_seconds_count\\{outcome=\"active\",tier=\"non-production\"}")
        .containsPattern("envflow_compensations_total\\{kind=\"POSTGRES_DATABASE\",outcome=\"success\"}")
        .containsPattern("envflow_environments\\{phase=\"TORN_DOWN\"}")
        .contains("envflow_approvals_pending");
  }

  @Test
  void aBrokenMigrationRollsTheEnvironmentBackLeavingNothing() throws Exception {
    ObjectNode spec = example("synckairos-local.json");
    spec.put("environment", "broken");
    ((ObjectNode) spec.get("paas")).put("app", "synckairos-broken");
    ((ObjectNode) spec.get("postgres")).put("migrations", "classpath:broken-migrations");

    assertThat(post("/api/environments", spec).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    JsonNode status = awaitFinalPhase("env-synckairos-broken");
    assertThat(status.path("phase").asText()).as(status.toPrettyString()).isEqualTo("ROLLED_BACK");
    assertThat(status.path("errors").toString()).containsIgnoringCase("migrat");
    assertThat(new Leftovers(data, stateDirectory).of("synckairos-broken")).isEmpty();

    String metrics = http.getForObject("/actuator/prometheus", String.class);
    assertThat(metrics)
        .containsPattern("envflow_provisioning_seconds_count\\{outcome=\"rolled_back\",tier=\"non-production\"}")
        .containsPattern("envflow_step_seconds_count\\{[^}]*outcome=\"failure\"[^}]*step=\"migrate-database\"")
        .containsPattern("envflow_compensations_total\\{kind=\"REDIS_USER\",outcome=\"success\"}");
  }

  @Test
  void productionWaitsForAListedApproverThenBecomesActive() throws Exception {
    ObjectNode spec = example("synckairos-production-local.json");
    spec.put("environment", "prod-e2e");
    ((ObjectNode) spec.get("paas")).put("app", "synckairos-prod-e2e");
    String dev = createToken(http, "dev@example.com", "requester");
    String ana = createToken(http, "ana@example.com", "approver");
    String mallory = createToken(http, "mallory@example.com", "approver");
    String opsLead = createToken(http, "ops-lead@example.com", "approver");
    assertThat(post("/api/environments", spec, dev).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    String id = "env-synckairos-prod-e2e";

    await().atMost(PROVISION_TIMEOUT).until(() ->
        http.getForObject("/api/environments/" + id, JsonNode.class).path("phase").asText().equals("AWAITING_APPROVAL"));

    ResponseEntity<JsonNode> again = post("/api/environments", spec);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody().path("message").asText()).contains(id + " is already being provisioned");

    ResponseEntity<JsonNode> requesterHasNoApproverRole = post("/api/environments/" + id + "/approve", Map.of("reason", "mine"), dev);
    assertThat(requesterHasNoApproverRole.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<JsonNode> byStranger = post("/api/environments/" + id + "/approve", Map.of("reason", "x"), mallory);
    assertThat(byStranger.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    ResponseEntity<JsonNode> asSomeoneElse = post("/api/environments/" + id + "/approve", Map.of("by", "ana@example.com"), mallory);
    assertThat(asSomeoneElse.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<JsonNode> approved = post("/api/environments/" + id + "/approve", Map.of("reason", "staging green"), ana);
    assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode status = awaitFinalPhase(id);
    assertThat(status.path("phase").asText()).isEqualTo("ACTIVE");
    assertThat(status.path("approval").path("decidedBy").asText()).isEqualTo("ana@example.com");
    ResponseEntity<JsonNode> late = post("/api/environments/" + id + "/reject", Map.of("reason", "late"), opsLead);
    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    String audit = http.getForObject("/api/environments/" + id + "/audit", String.class);
    assertThat(audit).contains("\"action\":\"requested\"", "\"actor\":\"dev@example.com\"", "\"action\":\"approved\"",
        "\"actor\":\"ana@example.com\"");

    http.exchange("/api/environments/" + id, HttpMethod.DELETE, null, JsonNode.class);
    client.newUntypedWorkflowStub("teardown-" + id).getResult(60, java.util.concurrent.TimeUnit.SECONDS, JsonNode.class);
    assertThat(new Leftovers(data, stateDirectory).of("synckairos-prod-e2e")).isEmpty();
  }

  @Test
  void servesHealthAndPrometheusMetrics() {
    assertThat(http.getForObject("/actuator/health", JsonNode.class).path("status").asText()).isEqualTo("UP");
    assertThat(http.getForObject("/actuator/prometheus", String.class)).contains("jvm_memory_used_bytes", "temporal_");
  }

  private JsonNode awaitFinalPhase(String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(PROVISION_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = http.getForObject("/api/environments/" + id, JsonNode.class);
      return java.util.Set.of("ACTIVE", "ROLLED_BACK", "FAILED").contains(last[0].path("phase").asText());
    });
    return last[0];
  }

  private ResponseEntity<JsonNode> post(String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> post(String path, Object body, String token) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBearerAuth(token);
    return http.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
  }

  static ObjectNode example(String name) throws Exception {
    return (ObjectNode) JSON.readTree(Path.of("..", "examples", name).toFile());
  }

  private static Map<String, String> dotenv(Path file) throws Exception {
    Properties properties = new Properties();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        properties.put(line.substring(0, eq).trim(), unquote(line.substring(eq + 1).trim()));
      }
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, String> map = (Map) properties;
    return map;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))
        ? value.substring(1, value.length() - 1) : value;
  }

  private static long tableCount(String databaseUrl, String table) throws Exception {
    URI uri = URI.create(databaseUrl);
    String[] credentials = uri.getUserInfo().split(":", 2);
    try (Connection connection = DriverManager.getConnection(
            "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(), credentials[0], credentials[1]);
        ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
