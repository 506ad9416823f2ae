package dev.envflow.activities.redis.upstash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.fakes.FakeRedisServers;
import dev.envflow.activities.fakes.FakeUpstashApi;
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
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.RedisSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
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

class UpstashProviderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReadinessPolicy FAST = ReadinessPolicy.of(Duration.ofMillis(20), Duration.ofMinutes(1));

  private static FakeRedisServers redis;
  private FakeUpstashApi upstash;
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
    upstash = new FakeUpstashApi(redis);
    secretsDirectory = Files.createTempDirectory("envflow-test-secrets");
    secrets = new FileSecretStore(secretsDirectory);
    inventory = TestInventory.inventory();
    activities = activities(FakeUpstashApi.API_KEY, new InventoryOwnership(inventory));
  }

  @AfterEach
  void tearDown() {
    upstash.close();
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void createsATlsDatabaseThatPassesTheSeedChecksThenDeletesItLeavingTheFakeEmpty() {
    EnvironmentSpec spec = spec("sjc", "free", "allkeys-lru", true);
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");

    Resource database = create(spec);

    assertThat(database.kind()).isEqualTo("REDIS_USER");
    assertThat(database.provider()).isEqualTo("upstash");
    assertThat(database.name()).isEqualTo(spec.name());
    assertThat(database.externalId()).isEqualTo(upstash.databaseIds().get(0));
    assertThat(database.location()).matches("rediss://127\\.0\\.0\\.1:\\d+");
    assertThat(activities.redisReadiness(database, System.currentTimeMillis()).ready()).isTrue();
    String url = storedUrl(spec).orElseThrow();
    assertThat(url).matches("rediss://default:[0-9a-f]{32}@127\\.0\\.0\\.1:\\d+");
    String password = url.substring("rediss://default:".length(), url.indexOf('@'));
    assertThat(database.toString()).doesNotContain(password);

    CheckReport report = activities.validateRedis(database);

    assertThat(report.target()).isEqualTo(database.location() + " as default");
    assertThat(report.checks()).containsSequence("PING: PONG", "SET/GET: hello");
    assertThat(report.checks()).anySatisfy(check -> assertThat(check).matches("SETEX/TTL: ([1-9]|10)"));
    assertThat(report.checks()).anySatisfy(check -> assertThat(check).startsWith("PUBLISH/SUBSCRIBE: received on"));
    assertThat(report.checks()).noneSatisfy(check -> assertThat(check).startsWith("outside the prefix"));

    activities.deleteRedisUser(database);

    assertThat(upstash.databaseNames()).isEmpty();
    assertThat(redis.running()).isZero();
    assertThat(storedUrl(spec)).isEmpty();
  }

  @Test
  void sendsTheCreateBodyOfTheReferenceWithTheRegionMappedAndEvictionOn() throws Exception {
    EnvironmentSpec spec = spec("sjc", "payg", "allkeys-lru", true);
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");

    create(spec);

    assertThat(upstash.createRequests()).singleElement().isEqualTo(JSON.readTree("""
        {"database_name": "%s", "platform": "aws", "primary_region": "us-west-1", "plan": "payg",
         "eviction": true, "tls": true}""".formatted(spec.name())));
  }

  @Test
  void givesARedisUrlWhenTheSpecTurnsTlsOffAndEvictionOffForNoeviction() throws Exception {
    EnvironmentSpec spec = spec("us-east-1", "free", "noeviction", false);
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");

    Resource database = create(spec);

    assertThat(upstash.createRequests().get(0).get("eviction").asBoolean()).isFalse();
    assertThat(upstash.createRequests().get(0).get("tls").asBoolean()).isFalse();
    assertThat(database.location()).startsWith("redis://");
    assertThat(storedUrl(spec).orElseThrow()).startsWith("redis://default:");
    assertThat(activities.validateRedis(database).checks()).contains("PING: PONG");
  }

  @Test
  void reportsPassiveWhileItWaitsThenReady() {
    upstash.slowReadiness(2);
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru", true);
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");
    Resource database = create(spec);
    long since = System.currentTimeMillis();

    Readiness first = activities.redisReadiness(database, since);
    Readiness second = activities.redisReadiness(database, since);
    Readiness third = activities.redisReadiness(database, since);

    assertThat(first.ready()).isFalse();
    assertThat(first.detail()).isEqualTo("Upstash database " + spec.name() + " passive");
    assertThat(first.pollAfterMillis()).isEqualTo(20);
    assertThat(second.ready()).isFalse();
    assertThat(third.ready()).isTrue();
    assertThat(third.state()).isEqualTo("active");
  }

  @Test
  void stopsWaitingWithProviderUnavailableOnceTheDeadlineHasPassed() {
    upstash.slowReadiness(5);
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru", true);
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");
    Resource database = create(spec);
    long longAgo = System.currentTimeMillis() - Duration.ofMinutes(2).toMillis();

    assertThatThrownBy(() -> activities.redisReadiness(database, longAgo))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.PROVIDER_UNAVAILABLE.name());
          assertThat(failure.getOriginalMessage()).contains("Upstash database " + spec.name() + " is still passive");
        });
  }

  @Test
  void aTooManyRequestsAnswerIsRetriedAfterItsRetryAfterThroughTemporalThenCreatesOnce() {
    upstash.faults().tooManyRequests("POST", "/v2/redis/database", 1, 7,
        "{\"code\":\"too_many_requests\",\"message\":\"Too Many Requests\"}");
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru", true);
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try {
      environment.registerActivitiesImplementations(activities);
      RedisActivities stub = environment.newActivityStub(RedisActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

      assertThatThrownBy(() -> stub.createRedisUser(spec))
          .isInstanceOfSatisfying(ActivityFailure.class, failure -> {
            ApplicationFailure cause = (ApplicationFailure) failure.getCause();
            assertThat(cause.isNonRetryable()).isFalse();
            assertThat(cause.getType()).isEqualTo(ProviderFailures.TRANSIENT);
            assertThat(cause.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
            assertThat(cause.getOriginalMessage())
                .isEqualTo("upstash: create database " + spec.name() + ": HTTP 429: Too Many Requests");
          });
      Resource database = stub.createRedisUser(spec);

      assertThat(upstash.databaseIds()).containsExactly(database.externalId());
    } finally {
      environment.close();
    }
  }

  @Test
  void aServerErrorIsRetryableAndTheNextAttemptSucceeds() {
    // a GET is asked three times within an attempt (ProviderHttpClient.READ_ATTEMPTS): the attempt fails only then
    upstash.faults().serverError("GET", "/v2/redis/databases", 3, 503, "Service Unavailable");
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru", true);
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getOriginalMessage()).contains("upstash: list databases to find " + spec.name()
              + ": HTTP 503: Service Unavailable");
        });
    Resource database = activities.createRedisUser(spec);

    assertThat(upstash.databaseIds()).containsExactly(database.externalId());
  }

  @Test
  void wrongCredentialsFailAtOnceNamingProviderOperationAndDatabaseButNotTheKey() {
    RedisActivities wrong = activities("not-the-key", new InventoryOwnership(inventory));
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru", true);

    assertThatThrownBy(() -> wrong.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
          assertThat(failure.getOriginalMessage()).startsWith("upstash: list databases to find " + spec.name()
              + ": HTTP 401: Unauthorized: wrong email or API key");
          assertThat(failure.getOriginalMessage()).doesNotContain("not-the-key").doesNotContain(FakeUpstashApi.API_KEY);
        });
    assertThat(upstash.databaseIds()).isEmpty();
  }

  @Test
  void anUnprocessableCreateFailsAtOnceWithUpstashsOwnMessage() {
    upstash.faults().next("POST", "/v2/redis/database", 1, Faults.json(422,
        "{\"code\":\"unprocessable\",\"message\":\"free plan is not available in this region\"}"));
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru", true);
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.REQUEST_REJECTED.name());
          assertThat(failure.getOriginalMessage()).isEqualTo("upstash: create database " + spec.name()
              + ": HTTP 422: free plan is not available in this region");
        });
  }

  @Test
  void aRegionUpstashDoesNotOfferIsRefusedBeforeAnythingIsCreated() {
    EnvironmentSpec spec = spec("mars-north-1", "free", "allkeys-lru", true);

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(FailureType.INVALID_SPEC.name());
          assertThat(failure.getOriginalMessage()).contains("region mars-north-1");
        });
    assertThat(upstash.requests()).isEmpty();
  }

  @Test
  void adoptsItsOwnDatabaseAfterACrashInsteadOfCreatingASecond() {
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru", true);
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");
    RedisActivities crashing = activities(FakeUpstashApi.API_KEY, crashingOnClaim(new InventoryOwnership(inventory)));
    assertThatThrownBy(() -> crashing.createRedisUser(spec)).hasMessageContaining("worker died");
    assertThat(upstash.databaseIds()).hasSize(1);

    Resource database = create(spec);

    assertThat(upstash.createRequests()).hasSize(1);
    assertThat(upstash.databaseIds()).containsExactly(database.externalId());
    assertThat(inventory.findResource(spec.id(), "REDIS_USER", spec.name()).orElseThrow().resource().externalId())
        .isEqualTo(database.externalId());
    assertThat(activities.validateRedis(database).checks()).contains("PING: PONG");
  }

  @Test
  void rollbackAfterACrashedCreateFindsTheDatabaseByNameAndDeletesIt() {
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru", true);
    Resource planned = TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");
    RedisActivities crashing = activities(FakeUpstashApi.API_KEY, crashingOnClaim(new InventoryOwnership(inventory)));
    assertThatThrownBy(() -> crashing.createRedisUser(spec)).hasMessageContaining("worker died");

    activities.deleteRedisUser(planned);

    assertThat(upstash.databaseIds()).isEmpty();
    assertThat(redis.running()).isZero();
  }

  @Test
  void aForeignDatabaseWithOurNameIsAConflictAndNeitherCreateNorDeleteTouchesIt() {
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru", true);
    String foreign = upstash.seedDatabase(spec.name(), Instant.now().minus(Duration.ofDays(30)));
    Resource planned = TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.CONFLICT.name());
          assertThat(failure.getOriginalMessage()).contains("upstash: the database " + spec.name() + " (" + foreign + ")")
              .contains("was not created by envflow");
        });
    activities.deleteRedisUser(planned);
    Resource foreignById = new Resource("REDIS_USER", "upstash", spec.name(), foreign, "rediss://elsewhere:6379");
    assertThatThrownBy(() -> activities.deleteRedisUser(foreignById))
        .isInstanceOfSatisfying(ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(FailureType.CONFLICT.name()));

    assertThat(upstash.databaseIds()).containsExactly(foreign);
    assertThat(upstash.requests()).noneSatisfy(request -> assertThat(request).startsWith("DELETE"));
    assertThat(upstash.createRequests()).isEmpty();
  }

  @Test
  void deletingADatabaseThatIsAlreadyGoneSucceeds() {
    EnvironmentSpec spec = spec("local", "free", "allkeys-lru", true);
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "upstash");
    Resource database = create(spec);

    activities.deleteRedisUser(database);
    activities.deleteRedisUser(database);
    activities.deleteRedisUser(Resource.planned(ResourceKind.REDIS_USER, "upstash", spec.name()));

    assertThat(upstash.databaseIds()).isEmpty();
  }

  @Test
  void anEndpointWithoutADotIsASlugUnderUpstashIo() {
    UpstashDatabase slug = new UpstashDatabase("id", "n", "active", "beloved-stallion-58500", 6379, "p", true, true,
        "us-east-1", 1L);
    UpstashDatabase host = new UpstashDatabase("id", "n", "active", "eu2-sought-mollusk-30143.upstash.io", 6379, "p",
        false, true, "us-east-1", 1L);

    assertThat(slug.location()).isEqualTo("rediss://beloved-stallion-58500.upstash.io:6379");
    assertThat(host.location()).isEqualTo("redis://eu2-sought-mollusk-30143.upstash.io:6379");
    assertThat(slug.toString()).doesNotContain("=p,").doesNotContain("=p]");
  }

  /** Records what the workflow records after a create: the created resource. */
  private Resource create(EnvironmentSpec spec) {
    Resource database = activities.createRedisUser(spec);
    inventory.recordResource(spec.id(), database);
    return database;
  }

  private Optional<String> storedUrl(EnvironmentSpec spec) {
    return secrets.get(SecretStore.key("REDIS_USER", spec.name()));
  }

  private RedisActivities activities(String apiKey, ResourceOwnership ownership) {
    Map<String, String> variables = Map.of(UpstashProvider.EMAIL, FakeUpstashApi.EMAIL, UpstashProvider.API_KEY,
        apiKey, UpstashProvider.BASE_URL, upstash.baseUrl());
    return new RedisActivitiesImpl(List.of(UpstashProvider.configured(new ProviderVariables(variables::get), secrets,
        ownership, FAST, TestTls.get().redisTls())));
  }

  private static EnvironmentSpec spec(String region, String plan, String eviction, boolean tls) {
    return TestSpecs.uniqueSpec("up-", region, new RedisSpec("upstash", plan, eviction, tls));
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
