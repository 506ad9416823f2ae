package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.ResourceRecord;
import dev.envflow.activities.nop.NopLedger;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.ResourceKind;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The nop provider through the whole application — API, workflow, worker, inventory, secret store — on a worker with
 * ENVFLOW_NOP_PROVIDER=true: it becomes ACTIVE with every resource recorded and readiness and metrics polled, rolls
 * back what it made when a step fails permanently, and rides out transient failures without creating anything twice.
 */
class NopProviderEndToEndTest extends EnvflowSpringTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FINAL = Set.of("ACTIVE", "ROLLED_BACK", "ROLLBACK_FAILED", "FAILED");
  private static final List<ResourceKind> KINDS = List.of(ResourceKind.REDIS_USER, ResourceKind.POSTGRES_DATABASE,
      ResourceKind.CONTACT_POINTS, ResourceKind.DASHBOARDS, ResourceKind.ALERT_RULES, ResourceKind.SECRETS);

  @Autowired TestRestTemplate http;
  @Autowired NopLedger ledger;
  @Autowired Inventory inventory;
  @Autowired SecretStore secrets;
  @Autowired WorkflowClient client;

  @DynamicPropertySource
  static void nopProvider(DynamicPropertyRegistry registry) {
    registry.add("ENVFLOW_NOP_PROVIDER", () -> "true");
  }

  @BeforeEach
  void admin() {
    authenticateAsAdmin(http);
  }

  @Test
  void goesThroughTheWholeWorkflowToActiveRecordingEveryResourceThenTearsDownToNothing() throws Exception {
    ObjectNode spec = nopSpec("whole", "{\"latency\": \"PT0.2S\"}");

    JsonNode status = provision(spec);

    assertThat(status.path("phase").asText()).as(status.toPrettyString()).isEqualTo("ACTIVE");
    assertThat(status.path("resources")).extracting(r -> r.path("kind").asText())
        .containsExactlyInAnyOrderElementsOf(KINDS.stream().map(Enum::name).toList());
    assertThat(status.path("resources")).allSatisfy(r ->
        assertThat(r.path("location").asText()).startsWith("nop://").endsWith("/nop-whole?latency=PT0.2S"));
    for (String step : List.of("redis.ready", "postgres.ready", "metrics")) {
      JsonNode polled = step(status, step);
      assertThat(polled.path("state").asText()).isEqualTo("DONE");
      assertThat(polled.path("durationMs").asLong()).as(step + " waited out the latency").isGreaterThanOrEqualTo(200);
    }
    assertThat(step(status, "postgres.migrate").path("detail").asText()).contains("schema version nop");
    assertThat(inventory.liveResources("env-nop-whole")).hasSize(6);
    assertThat(ledger.live("nop-whole")).hasSize(6);
    assertThat(secrets.get("REDIS_USER/nop-whole")).contains("redis://nop-whole@nop.invalid:6379");

    http.exchange("/api/environments/env-nop-whole", HttpMethod.DELETE, null, JsonNode.class);
    client.newUntypedWorkflowStub("teardown-env-nop-whole").getResult(60, TimeUnit.SECONDS, JsonNode.class);

    assertThat(ledger.live("nop-whole")).isEmpty();
    assertThat(inventory.liveResources("env-nop-whole")).isEmpty();
    assertThat(secrets.get("REDIS_USER/nop-whole")).isEmpty();
    assertThat(secrets.get("POSTGRES_DATABASE/nop-whole")).isEmpty();
  }

  @Test
  void aStepThatFailsPermanentlyRollsBackWithEveryCompensationRun() throws Exception {
    JsonNode status = provision(nopSpec("failing", "{\"failStep\": \"postgres.migrate\"}"));

    assertThat(status.path("phase").asText()).as(status.toPrettyString()).isEqualTo("ROLLED_BACK");
    assertThat(step(status, "postgres.migrate").path("state").asText()).isEqualTo("FAILED");
    assertThat(status.path("errors").toString()).contains("postgres.migrate failed: nop: postgres.migrate fails permanently");
    for (String step : List.of("redis.create", "postgres.create", "monitoring.contact-points", "monitoring.dashboards",
        "monitoring.alerts")) {
      assertThat(step(status, step).path("state").asText()).as(step).isEqualTo("COMPENSATED");
    }
    assertThat(ledger.live("nop-failing")).isEmpty();
    assertThat(inventory.resources("env-nop-failing")).isNotEmpty().allMatch(r -> r.deletedAt().isPresent());
    assertThat(secrets.get("REDIS_USER/nop-failing")).isEmpty();
    assertThat(secrets.get("POSTGRES_DATABASE/nop-failing")).isEmpty();
  }

  @Test
  void transientFailuresAreRetriedToActiveAndNothingIsCreatedTwice() throws Exception {
    long failuresBefore = ledger.transientFailures();
    long injected = 0;
    // an environment makes about ten nop calls: at 30% one in thirty draws no fault at all, so up to three are made
    for (int run = 1; run <= 3 && injected == 0; run++) {
      String environment = "flaky" + run;
      JsonNode status = provision(nopSpec(environment, "{\"transientFailureRate\": 0.3}"));

      assertThat(status.path("phase").asText()).as(status.toPrettyString()).isEqualTo("ACTIVE");
      for (ResourceKind kind : KINDS) {
        assertThat(ledger.creations(kind, "nop-" + environment)).as(kind + " created once").isEqualTo(1);
      }
      List<ResourceRecord> recorded = inventory.resources("env-nop-" + environment);
      assertThat(recorded).hasSize(6).extracting(r -> r.resource().kind()).doesNotHaveDuplicates();
      injected = ledger.transientFailures() - failuresBefore;
    }
    assertThat(injected).as("transient failures injected").isPositive();
  }

  @Test
  void theProvidersListShowsThisWorkerServesNopOfEveryKind() {
    JsonNode providers = http.getForObject("/api/providers", JsonNode.class);

    assertThat(providers.path("providers")).filteredOn(p -> p.path("provider").asText().equals("nop"))
        .hasSize(4).allMatch(p -> p.path("available").asBoolean());
  }

  private JsonNode provision(ObjectNode spec) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var started = http.postForEntity("/api/environments", new HttpEntity<>(spec, headers), JsonNode.class);
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.ACCEPTED);
    String id = started.getBody().path("id").asText();
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = http.getForObject("/api/environments/" + id, JsonNode.class);
      return FINAL.contains(last[0].path("phase").asText());
    });
    return last[0];
  }

  private static JsonNode step(JsonNode status, String name) {
    for (JsonNode step : status.path("steps")) {
      if (step.path("name").asText().equals(name)) {
        return step;
      }
    }
    throw new AssertionError("no step " + name + " in " + status);
  }

  /** App {@code nop}, environment {@code environment}, every kind on nop with a metrics check, and {@code nop} options. */
  static ObjectNode nopSpec(String environment, String nop) throws Exception {
    return (ObjectNode) JSON.readTree("{\"app\": \"nop\", \"environment\": \"" + environment + "\","
        + " \"redis\": {\"provider\": \"nop\"}, \"postgres\": {\"provider\": \"nop\"},"
        + " \"monitoring\": {\"provider\": \"nop\", \"metricsCheck\": {}}, \"paas\": {\"provider\": \"nop\"},"
        + " \"nop\": " + nop + "}");
  }
}
