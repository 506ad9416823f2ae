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
import dev.envflow.activities.fakes.FakeDatadog;
import dev.envflow.activities.fakes.FakeFlyGraphql;
import dev.envflow.activities.fakes.FakeFlyMachinesApi;
import dev.envflow.activities.fakes.FakeGrafana;
import dev.envflow.activities.fakes.FakeRedisCloudApi;
import dev.envflow.activities.fakes.FakeRedisServers;
import dev.envflow.activities.fakes.FakeSlack;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.worker.CloudFaultRuns.Tally;
import dev.envflow.worker.embedded.LocalDataServices;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Scenario 1b on the other cloud fakes (docs/RELIABILITY.md): {@link CloudFaultInjectionTest}'s transient faults, at
 * the same rate and half of them after applying the request, on Redis Cloud, Fly's GraphQL (Upstash via Fly),
 * Grafana, Datadog and Fly's Machines API. Every other environment takes Redis Cloud with Grafana, the others Upstash
 * via Fly with Datadog; all deploy to a Fly app, which envflow creates, with one machine. PostgreSQL is local:
 * Supabase's direct connection and Fly Postgres's login are fixed to the real providers', so the contract variables
 * cannot point them at the fakes' database. Every environment ACTIVE with exactly one of each of its resources in
 * the fakes, and teardown, faults still on, leaves the fakes, the inventory and the local servers empty.
 */
class CloudFaultInjectionMoreProvidersTest extends EnvflowSpringTest {

  private static final String IMAGE = "registry.fly.io/synckairos:1.4.2";
  private static final FakeRedisServers REDIS_SERVERS = new FakeRedisServers();
  private static final FakeRedisCloudApi REDIS_CLOUD = new FakeRedisCloudApi(REDIS_SERVERS);
  private static final FakeFlyGraphql FLY_GRAPHQL = new FakeFlyGraphql(REDIS_SERVERS, FakeFlyMachinesApi.TOKEN);
  private static final FakeFlyMachinesApi FLY = FakeFlyMachinesApi.start();
  private static final FakeGrafana GRAFANA = new FakeGrafana();
  private static final FakeDatadog DATADOG = new FakeDatadog();
  private static final FakeSlack SLACK = new FakeSlack();

  @Autowired TestRestTemplate http;
  @Autowired WorkflowClient client;
  @Autowired Inventory inventory;
  @Autowired LocalDataServices data;
  @Autowired Path stateDirectory;

  @DynamicPropertySource
  static void cloudProviders(DynamicPropertyRegistry registry) {
    Stream.of(REDIS_CLOUD.variables(), FLY_GRAPHQL.variables(), FLY.variables(), GRAFANA.variables(),
        DATADOG.variables()).forEach(variables -> variables.forEach((name, value) -> registry.add(name, () -> value)));
    registry.add("SLACK_WEBHOOK_URL", SLACK::webhookUrl);
    registry.add("ENVFLOW_READINESS_POLL_INTERVAL", () -> "PT0.2S");
    registry.add("ENVFLOW_PROVIDER_HTTP_TIMEOUT", CLIENT_TIMEOUT::toString);
  }

  @AfterAll
  static void stopFakes() {
    ProviderHttpClient.timeoutAfter(null);
    REDIS_CLOUD.close();
    FLY_GRAPHQL.close();
    FLY.close();
    GRAFANA.close();
    DATADOG.close();
    SLACK.close();
    REDIS_SERVERS.close();
  }

  @BeforeEach
  void admin() {
    authenticateAsAdmin(http);
  }

  @Test
  void transientFaultsOnTheOtherCloudFakesEndActiveWithNothingCreatedTwice() throws Exception {
    int runs = ChaosReport.size(2, 20);
    Tally faults = Tally.of(REDIS_CLOUD.randomFaults(), FLY_GRAPHQL.randomFaults(), FLY.randomFaults(),
        GRAFANA.randomFaults(), DATADOG.randomFaults());
    for (int i = 0; i < faults.faults().size(); i++) {
      faults.faults().get(i).rate(RATE, SEED + 10 + i, SLOW_MILLIS);
    }
    List<String> names = new ArrayList<>();
    Map<String, Boolean> redisCloudAndGrafana = new LinkedHashMap<>();
    for (int i = 0; i < runs; i++) {
      String name = start(http, spec("more-" + i, i % 2 == 0));
      names.add(name);
      redisCloudAndGrafana.put(name, i % 2 == 0);
    }
    Map<String, JsonNode> ended = awaitAll(http, names);
    int succeeded = 0;
    List<String> wrong = new ArrayList<>();
    for (String name : names) {
      JsonNode status = ended.get(name);
      List<String> resources = cloudResources(name);
      boolean once = eachOnce(resources, redisCloudAndGrafana.get(name));
      if ("ACTIVE".equals(phase(status)) && once && !inventory.resources("env-" + name).isEmpty()) {
        succeeded++;
      } else {
        wrong.add(name + ": " + phase(status) + ", in the fakes " + resources + " " + status.path("errors"));
      }
    }
    List<String> left = tearDownAll(http, client, names, name -> {
      List<String> found = new ArrayList<>(new Leftovers(data, stateDirectory).of(name));
      found.addAll(cloudResources(name));
      inventory.liveResources("env-" + name).forEach(r -> found.add("inventory " + r.kind() + " " + r.name()));
      return found;
    });
    report("1b-cloud-faults-more", runs, succeeded, faults, CloudFaultInjectionMoreProvidersTest::create, wrong, left);
  }

  /**
   * Redis Cloud with Grafana, or Upstash via Fly with Datadog; PostgreSQL local; the app deployed to Fly. Secrets
   * for the app are only the connection strings.
   */
  private static ObjectNode spec(String environment, boolean redisCloudAndGrafana) throws Exception {
    ObjectNode spec = EndToEndTest.example("synckairos-local.json");
    spec.put("environment", environment);
    ((ObjectNode) spec.get("redis")).put("provider", redisCloudAndGrafana ? "redis-cloud" : "fly-upstash");
    ((ObjectNode) spec.get("monitoring")).put("provider", redisCloudAndGrafana ? "grafana" : "datadog");
    spec.putObject("paas").put("provider", "fly").put("app", "synckairos-" + environment).put("image", IMAGE);
    return spec;
  }

  /** What each fake holds for the environment, one entry per object: a duplicate shows twice. */
  private static List<String> cloudResources(String name) {
    List<String> found = new ArrayList<>();
    REDIS_CLOUD.subscriptionNames().stream().filter(name::equals).forEach(s -> found.add("redis cloud subscription " + s));
    REDIS_CLOUD.databaseNames().stream().filter(name::equals).forEach(d -> found.add("redis cloud database " + d));
    FLY_GRAPHQL.addOnNames().stream().filter(name::equals).forEach(a -> found.add("fly upstash add-on " + a));
    GRAFANA.resourcesOf(name).forEach(r -> found.add("grafana " + r));
    DATADOG.resourcesOf(name).forEach(r -> found.add("datadog " + r));
    if (FLY.hasApp(name)) {
      found.add("fly app " + name);
      FLY.machineImages(name).keySet().forEach(machine -> found.add("fly machine " + machine + " of " + name));
    }
    return found;
  }

  /**
   * Whether the fakes hold each of the environment's resources, and none twice: the Redis Cloud subscription and
   * database with the Grafana folder, dashboards, alert rules and contact points; or the Fly add-on with the Datadog
   * dashboards, monitors and webhook; and in both the Fly app with one machine.
   */
  private static boolean eachOnce(List<String> resources, boolean redisCloudAndGrafana) {
    List<String> kinds = redisCloudAndGrafana
        ? List.of("redis cloud subscription", "redis cloud database", "grafana folder", "grafana dashboard",
            "grafana alert rule", "grafana contact point")
        : List.of("fly upstash add-on", "datadog dashboard", "datadog monitor", "datadog webhook");
    boolean everyKind = kinds.stream().allMatch(kind -> resources.stream().anyMatch(r -> r.startsWith(kind + " ")));
    long singles = Stream.of("redis cloud subscription", "redis cloud database", "fly upstash add-on", "fly app",
        "fly machine").filter(kind -> resources.stream().filter(r -> r.startsWith(kind + " ")).count() == 1).count();
    return everyKind && singles == (redisCloudAndGrafana ? 4 : 3) && new HashSet<>(resources).size() == resources.size();
  }

  /** A request that creates one of the environment's resources. */
  private static boolean create(String request) {
    return request.matches("POST /v1(/fixed)?/subscriptions(/\\d+/databases)?|POST /graphql createAddOn"
        + "|POST /v1/apps|POST /v1/apps/[^/]+/machines|POST /api/(folders|dashboards/db|v1/provisioning/.+)"
        + "|POST /api/v1/(dashboard|monitor)|POST /api/v1/integration/webhooks/.+");
  }
}
