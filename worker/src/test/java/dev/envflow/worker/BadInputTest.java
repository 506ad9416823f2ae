package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.worker.embedded.LocalDataServices;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.spec.FieldError;
import dev.envflow.workflows.spec.SpecParser;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import redis.clients.jedis.Jedis;

/**
 * Malformed specs are refused with every problem by field — by the API with 400, and by the workflow
 * itself when started directly on Temporal (as from the Temporal UI) — and nothing is created either way.
 */
class BadInputTest extends EnvflowSpringTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate http;

  private static String requesterToken;

  /** The specs' requester: the API takes the requester from the token, so the requester-only-approver case holds. */
  @org.junit.jupiter.api.BeforeEach
  void authenticate() {
    if (requesterToken == null) {
      requesterToken = createToken(http, "dev@example.com", "requester");
    }
    authenticate(http, requesterToken);
  }
  @Autowired WorkflowClient client;
  @Autowired Inventory inventory;
  @Autowired LocalDataServices data;

  static Stream<Arguments> malformedSpecs() {
    return Stream.of(
        bad("no app or environment", s -> { s.remove("app"); s.remove("environment"); }, "app"),
        bad("no environment", s -> s.remove("environment"), "environment"),
        bad("app with capitals", s -> s.put("app", "SyncKairos"), "app"),
        bad("app over 40 characters", s -> s.put("app", "a".repeat(41)), "app"),
        bad("environment with a space", s -> s.put("environment", "stag ing"), "environment"),
        bad("unknown top-level field", s -> s.put("colour", "blue"), "colour"),
        bad("misspelt redis provider", s -> obj(s, "redis").put("provider", "upstsh"), "redis.provider"),
        bad("unknown postgres provider", s -> obj(s, "postgres").put("provider", "mysql"), "postgres.provider"),
        bad("unknown monitoring provider", s -> obj(s, "monitoring").put("provider", "newrelic"), "monitoring.provider"),
        bad("unknown paas provider", s -> obj(s, "paas").put("provider", "heroku"), "paas.provider"),
        bad("unknown tier", s -> s.put("tier", "prod"), "tier"),
        bad("unknown eviction policy", s -> obj(s, "redis").put("evictionPolicy", "sometimes"), "redis.evictionPolicy"),
        bad("postgres version as words", s -> obj(s, "postgres").put("version", "fifteen"), "postgres.version"),
        bad("unknown pooling mode", s -> obj(s, "postgres").put("pooling", "always"), "postgres.pooling"),
        bad("approval timeout not ISO-8601", s -> obj(s, "approval").put("timeout", "72 hours"), "approval.timeout"),
        bad("approval required with no approvers", s -> obj(s, "approval").put("required", true), "approval"),
        bad("production with no approvers", s -> s.put("tier", "production"), "approval"),
        bad("error rate above 1", s -> obj(obj(s, "monitoring"), "alerts").put("errorRate", 2), "monitoring.alerts.errorRate"),
        bad("negative latency threshold", s -> obj(obj(s, "monitoring"), "alerts").put("latencyP95Ms", -5), "monitoring.alerts.latencyP95Ms"),
        bad("contact that is not an email", s -> obj(obj(s, "monitoring"), "contacts").putArray("emails").add("not-an-email"), "monitoring.contacts.emails"),
        bad("smoke URL that is not http", s -> s.putObject("smoke").put("baseUrl", "ftp://example.com"), "smoke.baseUrl"),
        bad("redis as a string", s -> s.put("redis", "upstash"), "redis"),
        bad("misspelt nested field", s -> obj(s, "redis").put("evictionPolcy", "allkeys-lru"), "redis.evictionPolcy"),
        bad("migrations without a scheme", s -> obj(s, "postgres").put("migrations", "migrations/synckairos"), "postgres.migrations"),
        bad("metric prefix with a dash", s -> obj(s, "monitoring").put("metricPrefix", "sync-kairos"), "monitoring.metricPrefix"),
        bad("tls as a word", s -> obj(s, "redis").put("tls", "yes"), "redis.tls"),
        bad("requester as the only approver", s -> {
          obj(s, "approval").put("required", true);
          obj(s, "approval").putArray("approvers").add("dev@example.com");
        }, "approval"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedSpecs")
  void theApiRefusesWithEveryProblemByField(String description, JsonNode spec, String expectedField) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<JsonNode> answer = http.postForEntity("/api/environments", new HttpEntity<>(spec, headers), JsonNode.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    List<String> fields = answer.getBody().path("errors").findValuesAsText("field");
    assertThat(fields).anySatisfy(field -> assertThat(field).startsWith(expectedField));
    List<String> expected = SpecParser.parse(spec).errors().stream().map(FieldError::field).toList();
    assertThat(fields).containsExactlyElementsOf(expected);
    assertThat(inventory.listEnvironments()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedSpecs")
  void theWorkflowStartedDirectlyFailsAtOnceWithTheSameMessagesCreatingNothing(
      String description, JsonNode spec, String expectedField) throws Exception {
    int rolesBefore = roleCount();
    int aclUsersBefore = aclUserCount();
    WorkflowStub workflow = client.newUntypedWorkflowStub(
        ProvisionEnvironmentWorkflow.TYPE,
        WorkflowOptions.newBuilder().setWorkflowId("bad-input-" + Math.abs(description.hashCode())).setTaskQueue("envflow").build());
    workflow.start(spec);

    Throwable thrown = catchThrowable(() -> workflow.getResult(20, TimeUnit.SECONDS, JsonNode.class));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo("INVALID_SPEC");
    assertThat(failure.isNonRetryable()).isTrue();
    for (FieldError error : SpecParser.parse(spec).errors()) {
      assertThat(failure.getOriginalMessage()).contains(error.toString());
    }
    assertThat(inventory.listEnvironments()).isEmpty();
    assertThat(roleCount()).isEqualTo(rolesBefore);
    assertThat(aclUserCount()).isEqualTo(aclUsersBefore);
  }

  private int roleCount() throws Exception {
    var pg = data.postgres();
    try (Connection admin = DriverManager.getConnection(pg.jdbcUrl(pg.adminDatabase()), pg.adminUser(), pg.adminPassword());
        ResultSet rows = admin.createStatement().executeQuery("SELECT count(*) FROM pg_roles")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private int aclUserCount() {
    var redis = data.redis();
    try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
      jedis.auth(redis.adminUser(), redis.adminPassword());
      return jedis.aclUsers().size();
    }
  }

  private static Arguments bad(String description, Consumer<ObjectNode> breakIt, String expectedField) {
    ObjectNode spec = validSpec();
    breakIt.accept(spec);
    return Arguments.of(description, spec, expectedField);
  }

  private static ObjectNode obj(ObjectNode parent, String field) {
    return parent.has(field) && parent.get(field).isObject() ? (ObjectNode) parent.get(field) : parent.putObject(field);
  }

  private static ObjectNode validSpec() {
    try {
      return EndToEndTest.example("synckairos-local.json");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
