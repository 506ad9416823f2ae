package dev.envflow.activities.postgres.flypostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderWait;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.fakes.CloudPostgresChecks;
import dev.envflow.activities.fakes.CloudPostgresSpecs;
import dev.envflow.activities.fakes.FakeCloudApi;
import dev.envflow.activities.fakes.FakeCloudPostgres;
import dev.envflow.activities.fakes.FakeFlyPostgresApi;
import dev.envflow.activities.fakes.TestInventory;
import dev.envflow.activities.postgres.PostgresActivitiesImpl;
import dev.envflow.activities.postgres.PostgresCredentials;
import dev.envflow.activities.postgres.PostgresSecrets;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlyPostgresProviderTest {

  private static final String MIGRATIONS = CloudPostgresSpecs.MIGRATIONS;
  private static final ReadinessPolicy POLICY =
      new ReadinessPolicy(Duration.ofMillis(10), Duration.ofMinutes(5), Clock.systemUTC());

  private static TestInventory inventory;

  private FakeFlyPostgresApi fake;
  private Path secretsDirectory;
  private SecretStore secrets;
  private PostgresActivitiesImpl activities;
  private EnvironmentSpec spec;

  @BeforeAll
  static void startInventory() {
    inventory = TestInventory.create("fly_postgres_provider_test");
  }

  @AfterAll
  static void stopInventory() {
    inventory.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeFlyPostgresApi();
    secretsDirectory = Files.createTempDirectory("envflow-fly-secrets");
    secrets = new FileSecretStore(secretsDirectory);
    activities = new PostgresActivitiesImpl(List.of(provider(inventory.ownership(), FakeFlyPostgresApi.TOKEN, 5)),
        secrets);
    spec = CloudPostgresSpecs.spec("fly-postgres", "fp-", "iad", "basic", null);
  }

  @AfterEach
  void tearDown() {
    fake.close();
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void createsWaitsUntilReadyMigratesValidatesAndDeletesLeavingNothingBehind() throws Exception {
    fake.readyAfterLooks(2);
    fake.endpointsAfterReadyLooks(1);
    inventory.recordPlanned(spec);

    Resource database = activities.createDatabase(spec);

    FakeFlyPostgresApi.Cluster cluster = onlyCluster();
    assertThat(database).isEqualTo(new Resource("POSTGRES_DATABASE", "fly-postgres", spec.name(), cluster.id,
        "https://fly.io/dashboard/" + FakeFlyPostgresApi.ORGANIZATION + "/managed_postgres/" + cluster.id));
    assertThat(inventory.postgres(spec).orElseThrow().resource().externalId()).isEqualTo(cluster.id);

    List<Readiness> looks = CloudPostgresChecks.lookUntilReady(activities, database, 5);
    assertThat(looks).extracting(Readiness::detail).containsExactly(
        "Fly Managed Postgres cluster " + spec.name() + " creating",
        "Fly Managed Postgres cluster " + spec.name() + " ready, endpoints not published yet",
        "ready");

    PostgresCredentials owner = PostgresCredentials.fromUrl(secrets.get(PostgresSecrets.ownerKey(spec.name())).orElseThrow());
    assertThat(owner).isEqualTo(new PostgresCredentials(cluster.role, cluster.password, FakeCloudPostgres.host(),
        FakeCloudPostgres.port(), cluster.role, "disable"));
    String applicationUrl = secrets.get(PostgresSecrets.applicationKey(spec.name())).orElseThrow();
    assertThat(applicationUrl).isEqualTo("postgresql://" + cluster.role + ":" + cluster.password + "@"
        + fake.pooler().host() + ":" + fake.pooler().port() + "/" + cluster.role);

    assertThat(activities.migrateDatabase(database, MIGRATIONS).schemaVersion()).isEqualTo("3");
    assertThat(activities.validateDatabase(database, MIGRATIONS).checks())
        .anySatisfy(check -> assertThat(check).startsWith("INSERT INTO sync_sessions (rolled back)"));
    assertThat(CloudPostgresChecks.countSyncSessions(applicationUrl)).isZero();
    assertThat(fake.pooler().connectionsServed()).isEqualTo(1);

    activities.deleteDatabase(database);

    assertThat(fake.clusters()).isEmpty();
    assertThat(FakeCloudPostgres.roleExists(cluster.role)).isFalse();
    assertThat(FakeCloudPostgres.databaseExists(cluster.role)).isFalse();
    assertThat(secrets.get(PostgresSecrets.ownerKey(spec.name()))).isEmpty();
    assertThat(secrets.get(PostgresSecrets.applicationKey(spec.name()))).isEmpty();
  }

  @Test
  void asksForTheClusterLikeFlyGoWithAMacaroonTokenAsFlyV1() throws Exception {
    inventory.recordPlanned(spec);

    activities.createDatabase(spec);

    FakeCloudApi.Call create = fake.calls("POST", "/v1/postgres").get(0);
    assertThat(create.body()).isEqualTo(new ObjectMapper().readTree("{\"org_slug\":\"" + FakeFlyPostgresApi.ORGANIZATION
        + "\",\"name\":\"" + spec.name() + "\",\"region\":\"iad\",\"plan\":\"basic\",\"pg_major_version\":\"15\","
        + "\"postgis_enabled\":false}"));
    assertThat(create.authorization()).isEqualTo("FlyV1 " + FakeFlyPostgresApi.TOKEN);
    assertThat(fake.calls("GET", "/v1/postgres").get(0).query())
        .containsEntry("org_slug", FakeFlyPostgresApi.ORGANIZATION);
  }

  @Test
  void sendsOtherTokensAsBearerAndMapsAnAwsRegionToTheNearestFlyRegion() {
    PostgresActivitiesImpl plain = new PostgresActivitiesImpl(
        List.of(provider(inventory.ownership(), FakeFlyPostgresApi.PLAIN_TOKEN, 5)), secrets);
    EnvironmentSpec west = CloudPostgresSpecs.spec("fly-postgres", "fp-", "us-west-1", "launch", null);
    inventory.recordPlanned(west);

    plain.createDatabase(west);

    FakeCloudApi.Call create = fake.calls("POST", "/v1/postgres").get(0);
    assertThat(create.authorization()).isEqualTo("Bearer " + FakeFlyPostgresApi.PLAIN_TOKEN);
    assertThat(create.body().path("region").asText()).isEqualTo("sjc");
    assertThat(create.body().path("plan").asText()).isEqualTo("launch");
  }

  @Test
  void aRateLimitIsRetriedAfterTheProvidersDelayAndALostAnswerIsAdoptedOnRetry() {
    inventory.recordPlanned(spec);
    fake.failNext("POST", "/v1/postgres", 429, "4");
    fake.failNextAfterHandling("POST", "/v1/postgres", 503);

    ApplicationFailure limited = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));
    ApplicationFailure lost = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));
    Resource database = activities.createDatabase(spec);

    assertThat(limited.isNonRetryable()).isFalse();
    assertThat(limited.getType()).isEqualTo(ProviderFailures.TRANSIENT);
    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(4));
    assertThat(limited.getOriginalMessage()).startsWith("fly-postgres: create cluster " + spec.name() + ": HTTP 429");
    assertThat(lost.isNonRetryable()).isFalse();
    assertThat(lost.getOriginalMessage()).contains("HTTP 503");
    assertThat(fake.clusters()).singleElement().satisfies(c -> assertThat(c.id).isEqualTo(database.externalId()));
  }

  @Test
  void badCredentialsAndAnUnavailableRegionFailAtOnceWithClearMessages() {
    inventory.recordPlanned(spec);
    EnvironmentSpec mars = CloudPostgresSpecs.spec("fly-postgres", "fp-", "xyz", "basic", null);
    inventory.recordPlanned(mars);
    String wrongToken = "fm2_wrongwrongwrong";

    ApplicationFailure unauthorized = catchThrowableOfType(ApplicationFailure.class,
        () -> provider(inventory.ownership(), wrongToken, 5).create(spec));
    ApplicationFailure unavailable = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(mars));

    assertThat(unauthorized.isNonRetryable()).isTrue();
    assertThat(unauthorized.getType()).isEqualTo("BAD_CREDENTIALS");
    assertThat(unauthorized.getOriginalMessage())
        .startsWith("fly-postgres: list clusters " + spec.name() + ": HTTP 401: Unauthorized")
        .doesNotContain(wrongToken);
    assertThat(unavailable.isNonRetryable()).isTrue();
    assertThat(unavailable.getType()).isEqualTo("REQUEST_REJECTED");
    assertThat(unavailable.getOriginalMessage()).isEqualTo("fly-postgres: create cluster " + mars.name()
        + ": HTTP 422: region xyz is not available for Managed Postgres");
    assertThat(fake.clusters()).isEmpty();
  }

  @Test
  void aCrashBetweenTheCreateAndTheClaimAdoptsInsteadOfCreatingTwice() {
    inventory.recordPlanned(spec);
    ResourceOwnership real = inventory.ownership();
    ResourceOwnership dying = new ResourceOwnership() {
      @Override
      public boolean owns(String environmentId, ResourceKind kind, String name, String externalId,
          Optional<Instant> createdAt) {
        return real.owns(environmentId, kind, name, externalId, createdAt);
      }

      @Override
      public void claim(String environmentId, ResourceKind kind, String name, String externalId) {
        throw new IllegalStateException("the worker died before it recorded " + externalId);
      }
    };
    assertThatThrownBy(() -> provider(dying, FakeFlyPostgresApi.TOKEN, 5).create(spec))
        .hasMessageContaining("the worker died");

    Resource database = activities.createDatabase(spec);

    assertThat(fake.calls("POST", "/v1/postgres")).hasSize(1);
    assertThat(database.externalId()).isEqualTo(onlyCluster().id);
    assertThat(inventory.postgres(spec).orElseThrow().resource().externalId()).isEqualTo(onlyCluster().id);
  }

  @Test
  void aForeignClusterWithOurNameIsAConflictAndNothingOfItIsTouched() {
    String foreign = fake.addForeignCluster(spec.name(), Instant.now().minus(10, ChronoUnit.DAYS));
    Resource planned = inventory.recordPlanned(spec);

    ApplicationFailure conflict = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));
    activities.deleteDatabase(planned);

    assertThat(conflict.isNonRetryable()).isTrue();
    assertThat(conflict.getType()).isEqualTo("CONFLICT");
    assertThat(conflict.getOriginalMessage()).contains("fly-postgres", spec.name(), foreign, "leaves it untouched");
    assertThat(fake.clusters()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("ready"));
    assertThat(fake.calls("POST", ".*")).isEmpty();
    assertThat(fake.calls("DELETE", ".*")).isEmpty();
  }

  @Test
  void aClusterThatFailsStopsTheWaitAtOnce() {
    fake.failNextCluster("error");
    inventory.recordPlanned(spec);
    Resource database = activities.createDatabase(spec);

    ApplicationFailure failed = catchThrowableOfType(ApplicationFailure.class,
        () -> CloudPostgresChecks.lookUntilReady(activities, database, 5));

    assertThat(failed.isNonRetryable()).isTrue();
    assertThat(failed.getType()).isEqualTo("PROVIDER_UNAVAILABLE");
    assertThat(failed.getOriginalMessage()).isEqualTo("Fly Managed Postgres cluster " + spec.name()
        + " failed: its state is error");
  }

  @Test
  void deletionWaitsWhileTheClusterIsDeletingAndAPlannedReferenceFindsTheClusterByName() {
    fake.goneAfterLooks(3);
    Resource planned = inventory.recordPlanned(spec);
    fake.failNextAfterHandling("POST", "/v1/postgres", 500);
    assertThatThrownBy(() -> activities.createDatabase(spec)).isInstanceOf(ApplicationFailure.class);
    FakeFlyPostgresApi.Cluster leftBehind = onlyCluster();

    activities.deleteDatabase(planned);
    activities.deleteDatabase(planned);

    assertThat(fake.clusters()).isEmpty();
    assertThat(fake.calls("DELETE", ".*")).hasSize(1);
    assertThat(FakeCloudPostgres.roleExists(leftBehind.role)).isFalse();
  }

  private FakeFlyPostgresApi.Cluster onlyCluster() {
    assertThat(fake.clusters()).hasSize(1);
    return fake.clusters().get(0);
  }

  private FlyPostgresProvider provider(ResourceOwnership ownership, String token, int looks) {
    FlyPostgresSettings settings = new FlyPostgresSettings(fake.baseUrl(), token, FakeFlyPostgresApi.ORGANIZATION,
        "disable", FakeFlyPostgresApi.login());
    return new FlyPostgresProvider(settings, FlyPostgresApi.client(settings), secrets, ownership, POLICY,
        ProviderWait.immediate(looks));
  }
}
