package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.ResourceRecord;
import dev.envflow.activities.nop.NopLedger;
import dev.envflow.worker.embedded.LocalDataServices;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.NopSpec;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fault-injection suite's scenarios that need no process killed (docs/RELIABILITY.md): transient faults,
 * a permanent fault at each step, faults in the compensations, and hostile specs. Each prints one line
 * {@code scenario runs succeeded leaked} and fails unless every run went as promised and nothing leaked.
 * {@code mvn verify} runs the reduced sizes; {@code scripts/chaos.sh --full} the full ones.
 */
class FaultInjectionTest extends EnvflowSpringTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FINAL = Set.of("ACTIVE", "ROLLED_BACK", "ROLLBACK_FAILED", "FAILED", "TORN_DOWN");
  private static final List<String> FORWARD_STEPS = NopSpec.STEPS.stream()
      .filter(step -> !step.endsWith(".delete") && !step.equals("deploy.undo")).toList();
  private static final Duration FINISH_WITHIN = Duration.ofMinutes(10);

  @Autowired TestRestTemplate http;
  @Autowired NopLedger ledger;
  @Autowired Inventory inventory;
  @Autowired WorkflowClient client;
  @Autowired LocalDataServices data;
  @Autowired Path stateDirectory;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void nopProvider(DynamicPropertyRegistry registry) {
    registry.add("ENVFLOW_NOP_PROVIDER", () -> "true");
  }

  @BeforeEach
  void admin() {
    authenticateAsAdmin(http);
  }

  @Test
  void transientFaultsEndActiveWithNothingCreatedTwice() throws Exception {
    int runs = ChaosReport.size(6, 30);
    long faultsBefore = ledger.transientFailures();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      names.add(start(nopSpec("transient-" + i, nop().put("transientFailureRate", 0.3))));
    }
    Map<String, JsonNode> ended = awaitAll(names);
    int succeeded = 0;
    for (String name : names) {
      boolean onceEach = ResourceKindList.ALL.stream().allMatch(kind -> ledger.creations(kind, name) == 1);
      List<ResourceRecord> rows = inventory.resources("env-" + name);
      boolean oneRowEach = rows.size() == 6 && rows.stream().map(r -> r.resource().kind()).distinct().count() == 6;
      if ("ACTIVE".equals(phase(ended.get(name))) && onceEach && oneRowEach) {
        succeeded++;
      }
    }
    int leaked = tearDownAndCount(names);
    report("1-transient-faults", runs, succeeded, leaked,
        Map.of("transientFailuresInjected", ledger.transientFailures() - faultsBefore, "adoptions", ledger.adoptions()));
  }

  @Test
  void aPermanentFaultAtEachStepRollsBackLeavingNothing() throws Exception {
    Map<String, String> failing = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    int i = 0;
    for (String step : FORWARD_STEPS) {
      String name = start(nopSpec("perm-" + i++, nop().put("failStep", step)));
      failing.put(name, step);
      names.add(name);
    }
    List<String> mixedSteps = "full".equals(ChaosReport.SIZE)
        ? List.of("monitoring.contact-points", "monitoring.dashboards", "monitoring.alerts", "secrets", "deploy", "metrics")
        : List.of("monitoring.alerts", "secrets");
    for (String step : mixedSteps) {
      String name = start(mixedSpec("mixed-" + i++, step));
      failing.put(name, step);
      names.add(name);
    }
    if ("full".equals(ChaosReport.SIZE)) {
      ObjectNode broken = mixedSpec("broken-" + i, "secrets");
      broken.remove("nop");
      ((ObjectNode) broken.get("postgres")).put("migrations", "classpath:broken-migrations");
      String name = start(broken);
      failing.put(name, "postgres.migrate");
      names.add(name);
    }
    Map<String, JsonNode> ended = awaitAll(names);
    int succeeded = 0;
    int leaked = 0;
    List<String> wrong = new ArrayList<>();
    for (String name : names) {
      JsonNode status = ended.get(name);
      String step = failing.get(name);
      boolean namedFirst = status.path("errors").path(0).asText().startsWith(step + " failed: ");
      if ("ROLLED_BACK".equals(phase(status)) && namedFirst && Set.of("FAILED", "COMPENSATED").contains(stepState(status, step))) {
        succeeded++;
      } else {
        wrong.add(step + ": " + phase(status) + ", step " + stepState(status, step) + " " + status.path("errors"));
      }
      leaked += leftovers(name).size();
    }
    report("2-permanent-fault-each-step", names.size(), succeeded, leaked, Map.of("steps", FORWARD_STEPS.size()
        + " nop steps, " + mixedSteps.size() + " with local PostgreSQL and Redis", "wrong", wrong));
  }

  @Test
  void deletesThatFailTransientlyAreRetriedUntilTheyDelete() throws Exception {
    int runs = ChaosReport.size(3, 10);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      names.add(start(nopSpec("undo-transient-" + i,
          nop().put("failStep", "postgres.migrate").put("transientFailureRate", 0.3))));
    }
    Map<String, JsonNode> ended = awaitAll(names);
    int succeeded = 0;
    int leaked = 0;
    for (String name : names) {
      if ("ROLLED_BACK".equals(phase(ended.get(name)))) {
        succeeded++;
      }
      leaked += leftovers(name).size();
    }
    report("4a-compensation-transient", runs, succeeded, leaked, Map.of());
  }

  @Test
  void aDeleteThatFailsPermanentlyEndsRollbackFailedListingWhatToRemove() throws Exception {
    String ana = createToken(http, "ana@example.com", "approver");
    Map<String, ResourceKind> steps = new LinkedHashMap<>();
    steps.put("redis.delete", ResourceKind.REDIS_USER);
    if ("full".equals(ChaosReport.SIZE)) {
      steps.put("postgres.delete", ResourceKind.POSTGRES_DATABASE);
      steps.put("monitoring.contact-points.delete", ResourceKind.CONTACT_POINTS);
      steps.put("monitoring.alerts.delete", ResourceKind.ALERT_RULES);
    }
    int succeeded = 0;
    int leaked = 0;
    int i = 0;
    for (Map.Entry<String, ResourceKind> step : steps.entrySet()) {
      ObjectNode spec = nopSpec("undo-perm-" + i++, nop().put("failStep", step.getKey()));
      spec.put("tier", "production").putObject("approval").putArray("approvers").add("ana@example.com");
      String name = start(spec);
      String id = "env-" + name;
      org.awaitility.Awaitility.await().atMost(FINISH_WITHIN).until(() -> "AWAITING_APPROVAL".equals(phase(status(id))));
      HttpHeaders headers = new HttpHeaders();
      headers.setBearerAuth(ana);
      headers.setContentType(MediaType.APPLICATION_JSON);
      http.postForEntity("/api/environments/" + id + "/reject", new HttpEntity<>(Map.of("reason", "chaos"), headers),
          JsonNode.class);
      JsonNode status = awaitAll(List.of(name)).get(name);
      String kind = step.getValue().name().toLowerCase().replace('_', ' ');
      boolean reported = status.path("errors").toString().contains("remove by hand: " + kind + " " + name + " on nop");
      List<String> left = leftovers(name);
      List<String> unreported = left.stream().filter(found -> !belongsTo(found, step.getValue(), name)).toList();
      if ("ROLLBACK_FAILED".equals(phase(status)) && reported && !left.isEmpty()
          && inventory.findEnvironment(id).orElseThrow().phase().name().equals("ROLLBACK_FAILED")) {
        succeeded++;
      }
      leaked += unreported.size();
    }
    report("4b-compensation-permanent", steps.size(), succeeded, leaked,
        Map.of("reported", "ROLLBACK_FAILED naming what to remove by hand"));
  }

  @Test
  void hostileSpecsAreRefusedWith4xxCreatingNothingAndTheServiceStaysHealthy() throws Exception {
    List<HostileSpecs.Hostile> corpus = HostileSpecs.all();
    int environmentsBefore = inventory.listEnvironments().size();
    int liveBefore = ledger.live().size();
    HttpClient client = HttpClient.newHttpClient();
    int succeeded = 0;
    List<String> wrong = new ArrayList<>();
    for (HostileSpecs.Hostile hostile : corpus) {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/environments"))
          .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", hostile.contentType())
          .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(hostile.body())).build(),
          HttpResponse.BodyHandlers.ofString());
      boolean clear = answer.statusCode() != 400 || JSON.readTree(answer.body()).path("errors").isArray();
      if (answer.statusCode() == hostile.status() && clear) {
        succeeded++;
      } else {
        wrong.add(hostile.what() + ": " + answer.statusCode() + " " + abbreviate(answer.body()));
      }
    }
    int leaked = inventory.listEnvironments().size() - environmentsBefore + ledger.live().size() - liveBefore;
    boolean healthy = "UP".equals(http.getForObject("/actuator/health", JsonNode.class).path("status").asText())
        && "ACTIVE".equals(phase(awaitAll(List.of(start(nopSpec("after-hostile", nop())))).get("chaos-after-hostile")));
    report("6-hostile-specs", corpus.size(), succeeded, leaked, Map.of("healthyAfterwards", healthy, "wrong", wrong));
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(50);
    assertThat(healthy).isTrue();
  }

  private void report(String scenario, int runs, int succeeded, int leaked, Map<String, ?> notes) {
    ChaosReport.line(scenario, runs, succeeded, leaked, notes);
    assertThat(succeeded).as(scenario + ": runs that went as promised " + notes).isEqualTo(runs);
    assertThat(leaked).as(scenario + ": resources left behind").isZero();
  }

  /** Starts provisioning through the API; answers the environment's resource name ({@code chaos-...}). */
  private String start(ObjectNode spec) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var started = http.postForEntity("/api/environments", new HttpEntity<>(spec, headers), JsonNode.class);
    assertThat(started.getStatusCode().value()).as(String.valueOf(started.getBody())).isEqualTo(202);
    return spec.path("app").asText() + "-" + spec.path("environment").asText();
  }

  /** The final status of each environment, by name. */
  private Map<String, JsonNode> awaitAll(List<String> names) {
    Map<String, JsonNode> ended = new LinkedHashMap<>();
    long deadline = System.nanoTime() + FINISH_WITHIN.toNanos();
    while (ended.size() < names.size() && System.nanoTime() < deadline) {
      for (String name : names) {
        if (!ended.containsKey(name)) {
          JsonNode status = status("env-" + name);
          if (FINAL.contains(phase(status))) {
            ended.put(name, status);
          }
        }
      }
      sleep(250);
    }
    names.forEach(name -> ended.putIfAbsent(name, status("env-" + name)));
    return ended;
  }

  private int tearDownAndCount(List<String> names) throws Exception {
    for (String name : names) {
      http.exchange("/api/environments/env-" + name, HttpMethod.DELETE, null, JsonNode.class);
    }
    int leaked = 0;
    for (String name : names) {
      client.newUntypedWorkflowStub("teardown-env-" + name).getResult(FINISH_WITHIN.toMinutes(), TimeUnit.MINUTES, JsonNode.class);
      leaked += leftovers(name).size();
    }
    return leaked;
  }

  /** What is left of an environment anywhere: nop's ledger, the inventory, the local servers, files, secrets. */
  private List<String> leftovers(String name) {
    List<String> found = new ArrayList<>(ledger.live(name).stream().map(live -> "nop " + live).toList());
    inventory.liveResources("env-" + name).forEach(r -> found.add("inventory " + r.kind() + " " + r.name()));
    found.addAll(new Leftovers(data, stateDirectory).of(name));
    return found;
  }

  /** A leftover that is the reported resource itself, or its stored credentials. */
  private static boolean belongsTo(String found, ResourceKind kind, String name) {
    return found.equals("nop " + kind.name() + " " + name) || found.equals("inventory " + kind.name() + " " + name)
        || found.equals("secret " + kind.name() + "/" + name);
  }

  private JsonNode status(String id) {
    return http.getForObject("/api/environments/" + id, JsonNode.class);
  }

  private static String phase(JsonNode status) {
    return status == null ? null : status.path("phase").asText();
  }

  private static String stepState(JsonNode status, String step) {
    for (JsonNode s : status.path("steps")) {
      if (s.path("name").asText().equals(step)) {
        return s.path("state").asText();
      }
    }
    return null;
  }

  private static ObjectNode nop() {
    return JSON.createObjectNode();
  }

  /** App {@code chaos}: every kind on nop, with a metrics check. */
  private static ObjectNode nopSpec(String environment, ObjectNode nop) {
    ObjectNode spec = JSON.createObjectNode().put("app", "chaos").put("environment", environment);
    spec.putObject("redis").put("provider", "nop");
    spec.putObject("postgres").put("provider", "nop");
    spec.putObject("monitoring").put("provider", "nop").putObject("metricsCheck");
    spec.putObject("paas").put("provider", "nop");
    spec.set("nop", nop);
    return spec;
  }

  /** The local PostgreSQL and Redis for real, monitoring and PaaS on nop failing at {@code failStep}. */
  private static ObjectNode mixedSpec(String environment, String failStep) {
    ObjectNode spec = nopSpec(environment, nop().put("failStep", failStep));
    spec.putObject("redis").put("provider", "local");
    spec.putObject("postgres").put("provider", "local").put("migrations", "classpath:migrations/synckairos");
    return spec;
  }

  private static String abbreviate(String text) {
    return text == null || text.length() < 200 ? text : text.substring(0, 200) + "...";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The six kinds an all-nop environment is made of. */
  private static final class ResourceKindList {
    static final List<ResourceKind> ALL = List.of(ResourceKind.values());
  }
}
