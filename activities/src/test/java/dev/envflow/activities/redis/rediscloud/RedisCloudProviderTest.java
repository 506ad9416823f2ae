package dev.envflow.activities.redis.rediscloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.fakes.FakeRedisCloudApi;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisCloudProviderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReadinessPolicy FAST = ReadinessPolicy.of(Duration.ofMillis(20), Duration.ofMinutes(1));
  private static final RedisCloudPacing QUICK = new RedisCloudPacing(Duration.ofMillis(5), Duration.ofMillis(20),
      Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5));

  private static FakeRedisServers redis;
  private FakeRedisCloudApi cloud;
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
    cloud = new FakeRedisCloudApi(redis);
    secretsDirectory = Files.createTempDirectory("envflow-test-secrets");
    secrets = new FileSecretStore(secretsDirectory);
    inventory = TestInventory.inventory();
    activities = activities(FakeRedisCloudApi.SECRET_KEY, new InventoryOwnership(inventory), QUICK);
  }

  @AfterEach
  void tearDown() {
    cloud.close();
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void createsAnEssentialsTlsDatabaseThroughEachPhaseValidatesItAndDeletesEverything() {
    cloud.provisioningLooks(2, 2);
    EnvironmentSpec spec = spec("local", "essentials-250mb");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    Resource created = create(spec);
    List<String> waitedFor = new ArrayList<>();
    Readiness ready = awaitReady(created, waitedFor);

    long subscriptionId = Long.parseLong(created.externalId().substring("essentials/".length()));
    assertThat(created.externalId()).matches("essentials/\\d+");
    assertThat(waitedFor).contains("Redis Cloud Essentials subscription " + spec.name() + " pending",
        "Redis Cloud database " + spec.name() + " pending");
    assertThat(ready.state()).isEqualTo("active");
    assertThat(claimedId(spec)).matches("essentials/" + subscriptionId + "/\\d+");
    String url = storedUrl(spec).orElseThrow();
    assertThat(url).matches("rediss://default:[A-Za-z0-9]{32}@127\\.0\\.0\\.1:\\d+");
    assertThat(secrets.get(SecretStore.key("REDIS_CLOUD_PENDING", spec.name()))).as("pending request forgotten").isEmpty();
    assertThat(activities.validateRedis(created).checks()).contains("PING: PONG", "SET/GET: hello");

    activities.deleteRedisUser(created);

    assertThat(cloud.subscriptionNames()).isEmpty();
    assertThat(cloud.databaseNames()).isEmpty();
    assertThat(redis.running()).isZero();
    assertThat(storedUrl(spec)).isEmpty();
  }

  @Test
  void sendsTheEssentialsBodiesOfTheReferenceWithTheGeneratedPassword() throws Exception {
    EnvironmentSpec spec = spec("us-east-1", "free", false);
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    Resource created = create(spec);
    awaitReady(created, new ArrayList<>());

    assertThat(cloud.posted("/v1/fixed/subscriptions")).singleElement()
        .isEqualTo(JSON.readTree("{\"name\": \"%s\", \"planId\": %d}".formatted(spec.name(), FakeRedisCloudApi.FREE_PLAN)));
    String password = storedPassword(spec);
    assertThat(cloud.postedTo("/databases")).singleElement().isEqualTo(JSON.readTree("""
        {"name": "%s", "protocol": "redis", "dataPersistence": "none", "dataEvictionPolicy": "allkeys-lru",
         "replication": false, "enableTls": false, "password": "%s"}""".formatted(spec.name(), password)));
    assertThat(storedUrl(spec).orElseThrow()).startsWith("redis://default:");
    assertThat(activities.validateRedis(created).checks()).contains("PING: PONG");
  }

  @Test
  void theFreePlanWithTlsIsRefusedBecauseRedisCloudHasNoTlsThere() {
    EnvironmentSpec spec = spec("local", "free", true);

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(FailureType.INVALID_SPEC.name());
          assertThat(failure.getOriginalMessage()).contains("free Essentials plan has no TLS");
        });
    assertThat(cloud.requests()).isEmpty();
  }

  @Test
  void aPaidEssentialsPlanIsChosenBySizeAndRegionAndPaidWithTheAccountsPaymentMethod() throws Exception {
    EnvironmentSpec spec = spec("sjc", "essentials-250mb");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    create(spec);

    JsonNode body = cloud.posted("/v1/fixed/subscriptions").get(0);
    assertThat(body.get("planId").asLong()).as("Standard 250MB in us-west-1").isEqualTo(FakeRedisCloudApi.FREE_PLAN + 4);
    assertThat(body.get("paymentMethodId").asLong()).isEqualTo(FakeRedisCloudApi.PAYMENT_METHOD);
  }

  @Test
  void aPaidPlanWithoutAPaymentMethodIsRefusedNamingTheVariable() {
    cloud.withoutPaymentMethods();
    EnvironmentSpec spec = spec("local", "ha-256mb");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.QUOTA.name());
          assertThat(failure.getOriginalMessage()).contains(RedisCloudProvider.PAYMENT_METHOD);
        });
    assertThat(cloud.subscriptionNames()).isEmpty();
  }

  @Test
  void anHaPlanMakesAReplicatedProDatabaseAcrossZonesAndDeletesBothThroughTasks() throws Exception {
    cloud.provisioningLooks(3, 2);
    EnvironmentSpec spec = spec("sjc", "ha-256mb");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    Resource created = create(spec);
    List<String> waitedFor = new ArrayList<>();
    awaitReady(created, waitedFor);

    assertThat(created.externalId()).matches("pro/\\d+");
    assertThat(waitedFor).contains("Redis Cloud Pro subscription " + spec.name() + " pending");
    assertThat(cloud.posted("/v1/subscriptions")).singleElement().isEqualTo(JSON.readTree("""
        {"name": "%1$s", "dryRun": false, "paymentMethodId": %2$d, "paymentMethod": "credit-card",
         "memoryStorage": "ram",
         "cloudProviders": [{"provider": "AWS", "regions": [{"region": "us-west-1", "multipleAvailabilityZones": true}]}],
         "databases": [{"name": "%1$s", "protocol": "redis", "datasetSizeInGb": 0.25, "supportOSSClusterApi": false,
                        "dataPersistence": "none", "replication": true,
                        "throughputMeasurement": {"by": "operations-per-second", "value": 1000}, "quantity": 1}]}"""
        .formatted(spec.name(), FakeRedisCloudApi.PAYMENT_METHOD)));
    assertThat(cloud.postedTo("/databases")).singleElement().isEqualTo(JSON.readTree("""
        {"name": "%s", "protocol": "redis", "datasetSizeInGb": 0.25, "dataPersistence": "none",
         "dataEvictionPolicy": "allkeys-lru", "replication": true,
         "throughputMeasurement": {"by": "operations-per-second", "value": 1000}, "enableTls": true,
         "password": "%s"}""".formatted(spec.name(), storedPassword(spec))));
    assertThat(activities.validateRedis(created).checks()).contains("PING: PONG");

    activities.deleteRedisUser(created);

    assertThat(cloud.subscriptionNames()).isEmpty();
    assertThat(redis.running()).isZero();
    assertThat(cloud.requests()).filteredOn(r -> r.startsWith("DELETE"))
        .hasSize(2).first().asString().matches("DELETE /v1/subscriptions/\\d+/databases/\\d+");
  }

  @Test
  void readinessReportsTheDatabaseTaskItWaitsForAndPollsThatTaskRatherThanCreatingAgain() {
    RedisActivities slowTasks = activities(FakeRedisCloudApi.SECRET_KEY, new InventoryOwnership(inventory),
        new RedisCloudPacing(Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofSeconds(5), Duration.ofMillis(30),
            Duration.ofSeconds(5)));
    EnvironmentSpec spec = spec("local", "free");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");
    Resource created = slowTasks.createRedisUser(spec);
    inventory.recordResource(spec.id(), created);
    cloud.taskLooks(25);

    List<String> waitedFor = new ArrayList<>();
    long since = System.currentTimeMillis();
    Readiness readiness = slowTasks.redisReadiness(created, since);
    for (int i = 0; i < 200 && !readiness.ready(); i++) {
      waitedFor.add(readiness.detail());
      readiness = slowTasks.redisReadiness(created, since);
    }

    assertThat(readiness.ready()).isTrue();
    assertThat(waitedFor).contains("Redis Cloud database " + spec.name() + " creation task processing-in-progress");
    assertThat(cloud.postedTo("/databases")).hasSize(1);
  }

  @Test
  void toleratesTasksUnknownForTheFirstFewLooks() {
    cloud.taskNotFoundFirst(RedisCloudTasks.MAX_NOT_FOUND);
    EnvironmentSpec spec = spec("local", "free");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    awaitReady(create(spec), new ArrayList<>());

    assertThat(cloud.databaseNames()).containsExactly(spec.name());
  }

  @Test
  void aTaskThatStaysUnknownFailsAtOnce() {
    cloud.taskNotFoundFirst(RedisCloudTasks.MAX_NOT_FOUND + 1);
    EnvironmentSpec spec = spec("local", "free");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.PROVIDER_UNAVAILABLE.name());
          assertThat(failure.getOriginalMessage()).contains("is still unknown to Redis Cloud");
        });
  }

  @Test
  void aTaskThatEndsInProcessingErrorFailsWithItsDescription() {
    cloud.failNextTask("Plan 98181 is not available for this account");
    EnvironmentSpec spec = spec("local", "free");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.REQUEST_REJECTED.name());
          assertThat(failure.getOriginalMessage())
              .startsWith("redis-cloud: create Essentials subscription " + spec.name() + ": task ")
              .endsWith("ended processing-error: 400 BAD_REQUEST GENERAL_ERROR: Plan 98181 is not available for this account");
        });
  }

  @Test
  void aTooManyRequestsAnswerIsRetryableAfterItsRetryAfterAndTheRetryCreatesOnce() {
    cloud.faults().tooManyRequests("POST", "/v1/fixed/subscriptions", 1, 5,
        "{\"error\":{\"type\":\"TOO_MANY_REQUESTS\",\"status\":\"429 TOO_MANY_REQUESTS\",\"description\":\"Rate limit exceeded\"}}");
    EnvironmentSpec spec = spec("local", "free");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getType()).isEqualTo(ProviderFailures.TRANSIENT);
          assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(5));
          assertThat(failure.getOriginalMessage()).isEqualTo("redis-cloud: create Essentials subscription "
              + spec.name() + ": HTTP 429: Rate limit exceeded");
        });
    awaitReady(create(spec), new ArrayList<>());

    assertThat(cloud.subscriptionNames()).containsExactly(spec.name());
  }

  @Test
  void aServerErrorIsRetryableAndTheRetrySucceeds() {
    // a GET is asked three times within an attempt (ProviderHttpClient.READ_ATTEMPTS): the attempt fails only then
    cloud.faults().serverError("GET", "/v1/fixed/subscriptions", 3, 502, "<html>Bad Gateway</html>");
    EnvironmentSpec spec = spec("local", "free");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getOriginalMessage()).contains("HTTP 502");
        });
    create(spec);

    assertThat(cloud.subscriptionNames()).containsExactly(spec.name());
  }

  @Test
  void aRateLimitedTaskPollIsWaitedOutWithinTheCall() {
    cloud.faults().tooManyRequests("GET", "/v1/tasks/", 2, 0, "{}");
    EnvironmentSpec spec = spec("local", "free");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    Resource created = create(spec);

    assertThat(created.externalId()).startsWith("essentials/");
    assertThat(cloud.posted("/v1/fixed/subscriptions")).hasSize(1);
  }

  @Test
  void wrongKeysFailAtOnceNamingProviderOperationAndDatabaseButNotTheKey() {
    RedisActivities wrong = activities("wrong-secret", new InventoryOwnership(inventory), QUICK);
    EnvironmentSpec spec = spec("local", "free");

    assertThatThrownBy(() -> wrong.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
          assertThat(failure.getOriginalMessage()).startsWith("redis-cloud: list Essentials subscriptions to find "
              + spec.name() + ": HTTP 401: Authentication failed for requested resource");
          assertThat(failure.getOriginalMessage()).doesNotContain("wrong-secret")
              .doesNotContain(FakeRedisCloudApi.SECRET_KEY);
        });
  }

  @Test
  void anUnprocessableRequestFailsAtOnceWithRedisCloudsDescription() {
    cloud.faults().next("POST", "/v1/fixed/subscriptions", 1, Faults.json(422,
        "{\"error\":{\"type\":\"INVALID_PLAN\",\"status\":\"422 UNPROCESSABLE_ENTITY\","
            + "\"description\":\"The plan is not available in this region\"}}"));
    EnvironmentSpec spec = spec("local", "free");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.REQUEST_REJECTED.name());
          assertThat(failure.getOriginalMessage()).isEqualTo("redis-cloud: create Essentials subscription "
              + spec.name() + ": HTTP 422: The plan is not available in this region");
        });
  }

  @Test
  void anUnknownPlanIsRefusedBeforeAnythingIsCreated() {
    EnvironmentSpec spec = spec("local", "gigantic");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(FailureType.INVALID_SPEC.name());
          assertThat(failure.getOriginalMessage()).contains("plan gigantic").contains("ha-<size>");
        });
    assertThat(cloud.requests()).isEmpty();
  }

  @Test
  void adoptsItsOwnSubscriptionAfterACrashInsteadOfCreatingASecond() {
    EnvironmentSpec spec = spec("local", "free");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");
    RedisActivities crashing = activities(FakeRedisCloudApi.SECRET_KEY,
        crashingOnClaim(new InventoryOwnership(inventory)), QUICK);
    assertThatThrownBy(() -> crashing.createRedisUser(spec)).hasMessageContaining("worker died");
    assertThat(cloud.subscriptionNames()).containsExactly(spec.name());

    Resource adopted = create(spec);
    awaitReady(adopted, new ArrayList<>());

    assertThat(cloud.posted("/v1/fixed/subscriptions")).hasSize(1);
    assertThat(cloud.subscriptionNames()).containsExactly(spec.name());
    assertThat(cloud.databaseNames()).containsExactly(spec.name());
    assertThat(activities.validateRedis(adopted).checks()).contains("PING: PONG");
  }

  @Test
  void rollbackAfterACrashedCreateFindsTheSubscriptionByNameAndDeletesIt() {
    EnvironmentSpec spec = spec("local", "free");
    Resource planned = TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");
    RedisActivities crashing = activities(FakeRedisCloudApi.SECRET_KEY,
        crashingOnClaim(new InventoryOwnership(inventory)), QUICK);
    assertThatThrownBy(() -> crashing.createRedisUser(spec)).hasMessageContaining("worker died");

    activities.deleteRedisUser(planned);

    assertThat(cloud.subscriptionNames()).isEmpty();
    assertThat(secrets.get(SecretStore.key("REDIS_CLOUD_PENDING", spec.name()))).isEmpty();
  }

  @Test
  void aForeignEssentialsSubscriptionWithOurNameIsAConflictAndNothingOfItIsDeleted() {
    EnvironmentSpec spec = spec("local", "free");
    cloud.seedSubscription(true, spec.name(), spec.name());
    assertForeignLeftAlone(spec);
  }

  @Test
  void aForeignProSubscriptionWithOurNameIsAConflictAndNothingOfItIsDeleted() {
    EnvironmentSpec spec = spec("local", "ha-256mb");
    cloud.seedSubscription(false, spec.name(), spec.name());
    assertForeignLeftAlone(spec);
  }

  @Test
  void deletingWhatIsAlreadyGoneSucceeds() {
    EnvironmentSpec spec = spec("local", "free");
    TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");
    Resource created = create(spec);
    awaitReady(created, new ArrayList<>());

    activities.deleteRedisUser(created);
    activities.deleteRedisUser(created);
    activities.deleteRedisUser(Resource.planned(ResourceKind.REDIS_USER, "redis-cloud", spec.name()));

    assertThat(cloud.subscriptionNames()).isEmpty();
  }

  @Test
  void planNamesMapToFamiliesSizesAndReplication() {
    assertThat(RedisCloudPlan.parse("free")).isEqualTo(new RedisCloudPlan("free", RedisCloudFamily.ESSENTIALS, true, 0, false));
    assertThat(RedisCloudPlan.parse("essentials-1gb").sizeMegabytes()).isEqualTo(1024);
    assertThat(RedisCloudPlan.parse("pro-256mb")).isEqualTo(new RedisCloudPlan("pro-256mb", RedisCloudFamily.PRO, false, 256, false));
    assertThat(RedisCloudPlan.parse("ha-1gb")).isEqualTo(new RedisCloudPlan("ha-1gb", RedisCloudFamily.PRO, false, 1024, true));
    assertThat(RedisCloudPlan.parse("ha-256mb").datasetSizeGigabytes()).isEqualTo(0.25);
    assertThat(RedisCloudId.parse("pro/12/34")).contains(RedisCloudId.of(RedisCloudFamily.PRO, 12, 34));
    assertThat(RedisCloudId.parse("synckairos-staging")).isEmpty();
  }

  private void assertForeignLeftAlone(EnvironmentSpec spec) {
    Resource planned = TestInventory.recordPlanned(spec, ResourceKind.REDIS_USER, "redis-cloud");

    assertThatThrownBy(() -> activities.createRedisUser(spec))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.CONFLICT.name());
          assertThat(failure.getOriginalMessage()).contains("subscription " + spec.name())
              .contains("was not created by envflow");
        });
    activities.deleteRedisUser(planned);

    assertThat(cloud.subscriptionNames()).containsExactly(spec.name());
    assertThat(cloud.databaseNames()).containsExactly(spec.name());
    assertThat(cloud.requests()).noneSatisfy(request -> assertThat(request).matches("(POST|DELETE) .*"));
  }

  private Resource create(EnvironmentSpec spec) {
    Resource created = activities.createRedisUser(spec);
    inventory.recordResource(spec.id(), created);
    return created;
  }

  private Readiness awaitReady(Resource resource, List<String> waitedFor) {
    long since = System.currentTimeMillis();
    for (int look = 0; look < 50; look++) {
      Readiness readiness = activities.redisReadiness(resource, since);
      if (readiness.ready()) {
        return readiness;
      }
      waitedFor.add(readiness.detail());
    }
    return fail("not ready after 50 looks: " + waitedFor);
  }

  private String claimedId(EnvironmentSpec spec) {
    return inventory.findResource(spec.id(), "REDIS_USER", spec.name()).orElseThrow().resource().externalId();
  }

  private Optional<String> storedUrl(EnvironmentSpec spec) {
    return secrets.get(SecretStore.key("REDIS_USER", spec.name()));
  }

  private String storedPassword(EnvironmentSpec spec) {
    String url = storedUrl(spec).orElseThrow();
    return url.substring(url.indexOf("default:") + "default:".length(), url.indexOf('@'));
  }

  private RedisActivities activities(String secretKey, ResourceOwnership ownership, RedisCloudPacing pacing) {
    Map<String, String> variables = Map.of(RedisCloudProvider.ACCESS_KEY, FakeRedisCloudApi.ACCESS_KEY,
        RedisCloudProvider.SECRET_KEY, secretKey, RedisCloudProvider.BASE_URL, cloud.baseUrl());
    return new RedisActivitiesImpl(List.of(RedisCloudProvider.configured(new ProviderVariables(variables::get),
        secrets, ownership, FAST, TestTls.get().redisTls(), pacing)));
  }

  /** A spec with TLS, except on the free plan, which has none at Redis Cloud. */
  private static EnvironmentSpec spec(String region, String plan) {
    return spec(region, plan, !plan.equals("free"));
  }

  private static EnvironmentSpec spec(String region, String plan, boolean tls) {
    return TestSpecs.uniqueSpec("rc-", region, new RedisSpec("redis-cloud", plan, "allkeys-lru", tls));
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
