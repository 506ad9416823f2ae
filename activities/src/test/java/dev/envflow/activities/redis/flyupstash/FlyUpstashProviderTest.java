package dev.envflow.activities.redis.flyupstash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.fakes.FakeFlyGraphql;
import dev.envflow.activities.fakes.FakeRedisServers;
import dev.envflow.activities.fakes.Faults;
import dev.envflow.activities.fakes.TestTls;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.InventoryOwnership;
import dev.envflow.activities.redis.RedisActivitiesImpl;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.activities.testing.TestInventory;
import dev.envflow.activities.testing.TestSpecs;
import dev.envflow.workflows.activities.RedisActivities;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.RedisSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlyUpstashProviderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReadinessPolicy FAST = ReadinessPolicy.of(Duration.ofMillis(20), Duration.ofMinutes(1));

  private static FakeRedisServers redis;
  private FakeFlyGraphql fly;
  private Path secretsDirectory;
  private SecretStore secrets;
  private Inventory inventory;
  private RedisActivities activities;

  @BeforeAll
  static void startRedisServers() {
    redis = new FakeRedisServers();
  }

  @AfterAll
  static void stopRedisServers() {
    redis.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    fly = new FakeFlyGraphql(redis);
    secretsDirectory = Files.createTempDirectory("envflow-test-secrets");
    secrets = new FileSecretStore(secretsDirectory);
    inventory = TestInventory.inventory();
    activities = activities(fly, FakeFlyGraphql.TOKEN, new InventoryOwnership(inventory));
  }

  @AfterEach
  void tearDown() {
    fly.close();
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void createsAnAddOnWhosePublicUrlPassesTheSeedChecksThenDeletesIt() {
    EnvironmentSpec spec = spec("sjc", "free", "allkeys-lru");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");

    Resource database = create(spec);

    assertThat(database.provider()).isEqualTo("fly-upstash");
    assertThat(database.externalId()).startsWith("ao_");
    assertThat(database.location()).matches("redis://127\\.0\\.0\\.1:\\d+");
    assertThat(activities.redisReadiness(database, System.currentTimeMillis()).ready()).isTrue();
    String url = storedUrl(spec).orElseThrow();
    assertThat(url).matches("redis://default:[0-9a-f]{32}@127\\.0\\.0\\.1:\\d+");
    assertThat(database.toString()).doesNotContain(url.substring("redis://default:".length(), url.indexOf('@')));
    assertThat(activities.validateRedis(database).checks()).contains("PING: PONG", "SET/GET: hello");

    activities.deleteRedisUser(database);

    assertThat(fly.addOnNames()).isEmpty();
    assertThat(redis.running()).isZero();
    assertThat(storedUrl(spec)).isEmpty();
  }

  @Test
  void aQueryLostToATransientHttpFailureIsAskedAgainWithinTheAttemptAndTheCreateIsSentOnce() {
    EnvironmentSpec spec = spec("sjc", "free", "allkeys-lru");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");
    // the first two requests, both looking for the add-on, meet Fly's gateway failing
    fly.faults().serverError("POST", "/graphql", 2, 503, "{\"error\":\"upstream connect error\"}");

    Resource database = create(spec);

    assertThat(database.externalId()).startsWith("ao_");
    assertThat(fly.operations()).filteredOn("createAddOn"::equals).hasSize(1);
    assertThat(fly.addOnNames()).containsExactly(spec.name());
  }

  @Test
  void sendsTheCreateAddOnInputFlyctlSends() throws Exception {
    EnvironmentSpec spec = spec("us-west-1", "free", "allkeys-lru");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");

    create(spec);

    assertThat(fly.createInputs()).singleElement().isEqualTo(JSON.readTree("""
        {"organizationId": "%s", "type": "upstash_redis", "name": "%s", "planId": "%s", "primaryRegion": "sjc",
         "readRegions": [], "options": {"eviction": true}}""".formatted(FakeFlyGraphql.ORG_ID, spec.name(),
        FakeFlyGraphql.FREE_PLAN)));
  }

  @Test
  void aPlanOtherThanFreeOrPaygIsLookedUpByName() {
    EnvironmentSpec spec = spec("local", "fixed_1gb", "noeviction");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");

    create(spec);

    assertThat(fly.createInputs().get(0).get("planId").asText()).isEqualTo("fixed_1gb_plan");
    assertThat(fly.createInputs().get(0).get("options").isEmpty()).as("no eviction for noeviction").isTrue();
  }

  @Test
  void waitsWhileTheAddOnIsPending() {
    fly.slowReadiness(2);
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");
    Resource database = create(spec);
    long since = System.currentTimeMillis();

    Readiness first = activities.redisReadiness(database, since);
    Readiness second = activities.redisReadiness(database, since);
    Readiness third = activities.redisReadiness(database, since);

    assertThat(first.detail()).isEqualTo("Fly Upstash Redis " + spec.name() + " pending");
    assertThat(second.ready()).isFalse();
    assertThat(third.ready()).isTrue();
  }

  @Test
  void aTooManyRequestsAnswerIsRetryableAfterItsRetryAfterAndTheRetryCreatesOnce() {
    fly.faults().tooManyRequests("POST", "/graphql", 1, 3, "{\"error\":\"rate limited\"}");
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getType()).isEqualTo(ProviderFailures.TRANSIENT);
          assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
        });
    create(spec);

    assertThat(fly.addOnNames()).containsExactly(spec.name());
  }

  @Test
  void aServerErrorInsideAGraphqlAnswerIsRetryable() {
    fly.graphqlErrorNext("createAddOn", "INTERNAL_SERVER_ERROR", "Something went wrong, try again");
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getOriginalMessage()).isEqualTo("fly-upstash: create Upstash Redis add-on " + spec.name()
              + ": Something went wrong, try again");
        });
    create(spec);

    assertThat(fly.addOnNames()).containsExactly(spec.name());
  }

  @Test
  void anUnauthenticatedTokenFailsAtOnceWithoutShowingTheToken() {
    RedisActivities wrong = activities(fly, "not-the-token", new InventoryOwnership(inventory));
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru");

    assertThatThrownBy(() -> wrong.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
          assertThat(failure.getOriginalMessage()).startsWith("fly-upstash: get Upstash Redis add-on " + spec.name()
              + ": You must be authenticated to view this.");
          assertThat(failure.getOriginalMessage()).doesNotContain("not-the-token").doesNotContain(FakeFlyGraphql.TOKEN);
        });
  }

  @Test
  void anUnprocessableAnswerFailsAtOnceWithFlysMessage() {
    fly.faults().next("POST", "/graphql", 1, Faults.json(422, "{\"error\":\"organization is suspended\"}"));
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.REQUEST_REJECTED.name());
          assertThat(failure.getOriginalMessage()).isEqualTo("fly-upstash: get Upstash Redis add-on " + spec.name()
              + ": HTTP 422: organization is suspended");
        });
  }

  @Test
  void aRefusedCreateInsideAGraphqlAnswerFailsAtOnce() {
    fly.graphqlErrorNext("createAddOn", "UNPROCESSABLE", "Primary region is not available for Upstash Redis");
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.REQUEST_REJECTED.name());
          assertThat(failure.getOriginalMessage()).endsWith("Primary region is not available for Upstash Redis");
        });
  }

  @Test
  void aMacaroonTokenIsSentAsFlyV1() {
    String macaroon = "fm2_lJPECAAAAAAAAfaketoken";
    try (FakeFlyGraphql macaroonFly = new FakeFlyGraphql(redis, macaroon)) {
      RedisActivities withMacaroon = activities(macaroonFly, macaroon, new InventoryOwnership(inventory));
      EnvironmentSpec spec = spec("local", "free", "allkeys-lru");
      TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");

      Resource database = withMacaroon.createRedisUser(spec);
      withMacaroon.deleteRedisUser(database);

      assertThat(macaroonFly.addOnNames()).isEmpty();
    }
    assertThat(FlyGraphqlClient.authorization("fm1r_abc,fm2_def")).isEqualTo("FlyV1 fm1r_abc,fm2_def");
    assertThat(FlyGraphqlClient.authorization("FlyV1 fm2_abc")).isEqualTo("FlyV1 fm2_abc");
    assertThat(FlyGraphqlClient.authorization("personal-access-token")).isEqualTo("Bearer personal-access-token");
  }

  @Test
  void adoptsItsOwnAddOnAfterACrashInsteadOfCreatingASecond() {
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");
    RedisActivities crashing = activities(fly, FakeFlyGraphql.TOKEN, crashingOnClaim(new InventoryOwnership(inventory)));
    assertThatThrownBy(() -> crashing.createRedisUser(spec)).hasMessageContaining("worker died");

    Resource database = create(spec);

    assertThat(fly.createInputs()).hasSize(1);
    assertThat(fly.addOnNames()).containsExactly(spec.name());
    assertThat(activities.validateRedis(database).checks()).contains("PING: PONG");
  }

  @Test
  void anAddOnOfAnotherOrganizationWithOurNameIsAConflictAndIsNotDeleted() {
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru");
    fly.seedAddOn(spec.name(), FakeFlyGraphql.OTHER_ORG);
    Resource planned = TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.CONFLICT.name());
          assertThat(failure.getOriginalMessage()).contains("the Upstash Redis add-on " + spec.name())
              .contains("organization other-team");
        });
    activities.deleteRedisUser(planned);

    assertThat(fly.addOnNames()).containsExactly(spec.name());
    assertThat(fly.operations()).doesNotContain("createAddOn", "deleteAddOn");
  }

  @Test
  void aSameNamedAddOnThatIsNotTheOneEnvflowRecordedIsAConflict() {
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "fly-upstash");
    inventory.recordExternalId(spec.id(), "REDIS_USER", spec.name(), "ao_the_one_envflow_made");
    String foreign = fly.seedAddOn(spec.name(), FakeFlyGraphql.ORG);

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(FailureType.CONFLICT.name()));
    activities.deleteRedisUser(new Resource("REDIS_USER", "fly-upstash", spec.name(), "ao_the_one_envflow_made",
        "redis://fly-gone.upstash.io:6379"));
    assertThatThrownBy(() -> activities.deleteRedisUser(new Resource("REDIS_USER", "fly-upstash", spec.name(),
        foreign, "redis://elsewhere:6379")))
        .isInstanceOfSatisfying(ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(FailureType.CONFLICT.name()));

    assertThat(fly.addOnNames()).containsExactly(spec.name());
    assertThat(fly.operations()).doesNotContain("deleteAddOn");
  }

  @Test
  void isBetaAndNamesTheMissingToken() {
    ProviderAvailability missing = FlyUpstashProvider.availability(new ProviderVariables(name -> null));
    ProviderAvailability set = FlyUpstashProvider.availability(new ProviderVariables(Map.of("FLY_API_TOKEN", "t")::get));

    assertThat(missing.available()).isFalse();
    assertThat(missing.reason()).isEqualTo("missing FLY_API_TOKEN");
    assertThat(missing.beta()).isTrue();
    assertThat(set.available()).isTrue();
    assertThat(set.beta()).isTrue();
  }

  private Resource create(EnvironmentSpec spec) {
    Resource database = activities.createRedisUser(spec);
    inventory.recordResource(spec.id(), database);
    return database;
  }

  private Optional<String> storedUrl(EnvironmentSpec spec) {
    return secrets.get(SecretStore.key("REDIS_USER", spec.name()));
  }

  private RedisActivities activities(FakeFlyGraphql api, String token, ResourceOwnership ownership) {
    Map<String, String> variables = Map.of(FlyUpstashProvider.TOKEN, token, FlyUpstashProvider.GRAPHQL_URL, api.url());
    return new RedisActivitiesImpl(List.of(FlyUpstashProvider.configured(new ProviderVariables(variables::get),
        secrets, ownership, FAST, TestTls.get().redisTls())));
  }

  private static EnvironmentSpec spec(String region, String plan, String eviction) {
    return TestSpecs.uniqueSpec("fu-", region, new RedisSpec("fly-upstash", plan, eviction, false));
  }

  /** Ownership whose first claim fails, as a worker dying right after the provider's create would. */
  private static ResourceOwnership crashingOnClaim(ResourceOwnership real) {
    AtomicBoolean crashed = new AtomicBoolean();
    return new ResourceOwnership() {
      @Override
      public boolean owns(String environmentId, ResourceKind kind, String name, String externalId,
          Optional<Instant> createdAt) {
        return real.owns(environmentId, kind, name, externalId, createdAt);
      }

      @Override
      public void claim(String environmentId, ResourceKind kind, String name, String externalId) {
        if (crashed.compareAndSet(false, true)) {
          throw new IllegalStateException("worker died between the create and the claim");
        }
        real.claim(environmentId, kind, name, externalId);
      }
    };
  }
}
