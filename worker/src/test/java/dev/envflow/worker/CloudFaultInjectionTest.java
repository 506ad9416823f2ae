package dev.envflow.worker;

import static dev.envflow.worker.CloudFaultRuns.CLIENT_TIMEOUT;
import static dev.envflow.worker.CloudFaultRuns.RATE;
import static dev.envflow.worker.CloudFaultRuns.SEED;
import static dev.envflow.worker.CloudFaultRuns.SLOW_MILLIS;
import static dev.envflow.worker.CloudFaultRuns.awaitAll;
import static dev.envflow.worker.CloudFaultRuns.phase;
import static dev.envflow.worker.CloudFaultRuns.report;
import static dev.envflow.worker.CloudFaultRuns.start;
import static dev.envflow.worker.CloudFaultRuns.tearDownAll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.fakes.FakeNeonApi;
import dev.envflow.activities.fakes.FakeRedisServers;
import dev.envflow.activities.fakes.FakeUpstashApi;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.ResourceRecord;
import dev.envflow.worker.CloudFaultRuns.Tally;
import dev.envflow.worker.embedded.LocalDataServices;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Scenario 1b of the fault-injection suite (docs/RELIABILITY.md): scenario 1's transient faults on the cloud-provider
 * fakes instead of {@code nop}. The Neon and Upstash fakes answer 30% of the calls with 429 (with {@code Retry-After}),
 * 500, 503, an answer slower than the client's read timeout, or a connection reset — half of them after applying the
 * request, so the answer is lost and a retried create must adopt what the first one made. The whole application,
 * configured only through the providers' contract variables as {@link CloudProvidersEndToEndTest} is: every
 * environment ACTIVE, each fake created exactly one project and one database per environment, and teardown leaves
 * the fakes, the inventory and the local servers empty.
 */
class CloudFaultInjectionTest extends EnvflowSpringTest {

  private static final FakeNeonApi NEON = new FakeNeonApi();
  private static final FakeRedisServers REDIS_SERVERS = new FakeRedisServers();
  private static final FakeUpstashApi UPSTASH = new FakeUpstashApi(REDIS_SERVERS);

  @Autowired TestRestTemplate http;
  @Autowired WorkflowClient client;
  @Autowired Inventory inventory;
  @Autowired LocalDataServices data;
  @Autowired Path stateDirectory;

  @DynamicPropertySource
  static void cloudProviders(DynamicPropertyRegistry registry) {
    NEON.variables().forEach((name, value) -> registry.add(name, () -> value));
    UPSTASH.variables().forEach((name, value) -> registry.add(name, () -> value));
    registry.add("ENVFLOW_READINESS_POLL_INTERVAL", () -> "PT0.2S");
    registry.add("ENVFLOW_PROVIDER_HTTP_TIMEOUT", CLIENT_TIMEOUT::toString);
  }

  @AfterAll
  static void stopFakes() {
    ProviderHttpClient.timeoutAfter(null);
    NEON.close();
    UPSTASH.close();
    REDIS_SERVERS.close();
  }

  @BeforeEach
  void admin() {
    authenticateAsAdmin(http);
  }

  @Test
  void transientFaultsOnTheCloudFakesEndActiveWithNothingCreatedTwice() throws Exception {
    int runs = ChaosReport.size(6, 30);
    NEON.operationsFinishAfterLooks(1);
    NEON.randomFaults().rate(RATE, SEED, SLOW_MILLIS);
    UPSTASH.randomFaults().rate(RATE, SEED + 1, SLOW_MILLIS);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      names.add(start(http, spec("cloud-transient-" + i)));
    }
    Map<String, JsonNode> ended = awaitAll(http, names);
    int succeeded = 0;
    List<String> wrong = new ArrayList<>();
    for (String name : names) {
      JsonNode status = ended.get(name);
      List<ResourceRecord> rows = inventory.resources("env-" + name);
      boolean once = NEON.creations(name) == 1 && UPSTASH.creations(name) == 1
          && NEON.projects().stream().filter(p -> p.name.equals(name)).count() == 1
          && UPSTASH.databaseNames().stream().filter(name::equals).count() == 1;
      if ("ACTIVE".equals(phase(status)) && once && !rows.isEmpty()) {
        succeeded++;
      } else {
        wrong.add(name + ": " + phase(status) + ", neon creations " + NEON.creations(name) + ", upstash creations "
            + UPSTASH.creations(name) + " " + status.path("errors"));
      }
    }
    List<String> left = tearDownAll(http, client, names, name -> {
      List<String> found = new ArrayList<>(new Leftovers(data, stateDirectory).of(name));
      NEON.projects().stream().filter(p -> p.name.equals(name)).forEach(p -> found.add("neon project " + p.name));
      UPSTASH.databaseNames().stream().filter(name::equals).forEach(d -> found.add("upstash database " + d));
      inventory.liveResources("env-" + name).forEach(r -> found.add("inventory " + r.kind() + " " + r.name()));
      return found;
    });
    report("1b-transient-faults-cloud", runs, succeeded, Tally.of(NEON.randomFaults(), UPSTASH.randomFaults()),
        Set.of("POST /projects", "POST /v2/redis/database")::contains, wrong, left);
  }

  /** Neon and Upstash for PostgreSQL and Redis; monitoring and the app on the local providers. */
  private static ObjectNode spec(String environment) throws Exception {
    ObjectNode spec = EndToEndTest.example("synckairos-local.json");
    spec.put("environment", environment);
    ((ObjectNode) spec.get("paas")).put("app", "synckairos-" + environment);
    ((ObjectNode) spec.get("postgres")).put("provider", "neon");
    ((ObjectNode) spec.get("redis")).put("provider", "upstash").put("tls", false);
    return spec;
  }
}
