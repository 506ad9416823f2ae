package dev.envflow.activities.postgres.neon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderWait;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.fakes.CloudPostgresChecks;
import dev.envflow.activities.fakes.CloudPostgresSpecs;
import dev.envflow.activities.fakes.FakeCloudApi;
import dev.envflow.activities.fakes.FakeCloudPostgres;
import dev.envflow.activities.fakes.FakeNeonApi;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NeonPostgresProviderTest {

  private static final String MIGRATIONS = CloudPostgresSpecs.MIGRATIONS;
  private static final ReadinessPolicy POLICY =
      new ReadinessPolicy(Duration.ofMillis(10), Duration.ofMinutes(5), Clock.systemUTC());

  private static TestInventory inventory;

  private FakeNeonApi fake;
  private Path secretsDirectory;
  private SecretStore secrets;
  private PostgresActivitiesImpl activities;
  private EnvironmentSpec spec;

  @BeforeAll
  static void startInventory() {
    inventory = TestInventory.create("neon_provider_test");
  }

  @AfterAll
  static void stopInventory() {
    inventory.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeNeonApi();
    secretsDirectory = Files.createTempDirectory("envflow-neon-secrets");
    secrets = new FileSecretStore(secretsDirectory);
    activities = new PostgresActivitiesImpl(List.of(provider(inventory.ownership(), settings(), 5)), secrets);
    spec = spec(null);
  }

  @AfterEach
  void tearDown() {
    fake.close();
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void createsWaitsForItsOperationsMigratesValidatesAndDeletesLeavingNothingBehind() throws Exception {
    inventory.recordPlanned(spec);

    Resource database = activities.createDatabase(spec);

    FakeNeonApi.Project project = onlyProject();
    FakeNeonApi.Branch main = project.branch("main").orElseThrow();
    assertThat(database).isEqualTo(new Resource("POSTGRES_DATABASE", "neon", spec.name(), project.id,
        "postgresql://" + FakeCloudPostgres.host() + ":" + FakeCloudPostgres.port() + "/" + main.realDatabase));
    assertThat(inventory.postgres(spec).orElseThrow().resource().externalId()).isEqualTo(project.id);

    List<Readiness> looks = CloudPostgresChecks.lookUntilReady(activities, database, 5);
    assertThat(looks).extracting(Readiness::ready).containsExactly(false, true);
    assertThat(looks.get(0).detail()).isEqualTo("Neon project " + spec.name() + " start_compute running");

    PostgresCredentials owner = PostgresCredentials.fromUrl(secrets.get(PostgresSecrets.ownerKey(spec.name())).orElseThrow());
    assertThat(owner).isEqualTo(PostgresCredentials.fromUrl(fake.uri(project, main, false)).withSslMode("disable"));
    String applicationUrl = secrets.get(PostgresSecrets.applicationKey(spec.name())).orElseThrow();
    assertThat(applicationUrl).isEqualTo(fake.uri(project, main, true))
        .isEqualTo(fake.pooledUriAnswered(project.id).orElseThrow())
        .isNotEqualTo(fake.uri(project, main, false));
    assertThat(PostgresCredentials.fromUrl(applicationUrl).port()).isEqualTo(fake.pooler().port());

    assertThat(activities.migrateDatabase(database, MIGRATIONS).schemaVersion()).isEqualTo("3");
    assertThat(activities.validateDatabase(database, MIGRATIONS).checks())
        .anySatisfy(check -> assertThat(check).startsWith("INSERT INTO sync_sessions (rolled back)"));
    assertThat(CloudPostgresChecks.countSyncSessions(applicationUrl)).isZero();
    assertThat(fake.pooler().connectionsServed()).isEqualTo(1);

    activities.deleteDatabase(database);

    assertThat(fake.projects()).isEmpty();
    assertThat(FakeCloudPostgres.roleExists(project.realRole)).isFalse();
    assertThat(FakeCloudPostgres.databaseExists(main.realDatabase)).isFalse();
    assertThat(secrets.get(PostgresSecrets.ownerKey(spec.name()))).isEmpty();
    assertThat(secrets.get(PostgresSecrets.applicationKey(spec.name()))).isEmpty();
  }

  @Test
  void asksForTheProjectWithTheReferenceBodyAndTheOrganization() throws Exception {
    NeonSettings withOrg = new NeonSettings(fake.baseUrl(), FakeNeonApi.API_KEY, Optional.of("org-morning-bread-81040908"),
        "disable");
    PostgresActivitiesImpl inOrg = new PostgresActivitiesImpl(List.of(provider(inventory.ownership(), withOrg, 5)),
        secrets);
    inventory.recordPlanned(spec);

    inOrg.createDatabase(spec);

    String database = spec.name().replace('-', '_');
    FakeCloudApi.Call create = fake.calls("POST", "/projects").get(0);
    assertThat(create.body()).isEqualTo(json("{\"project\":{\"name\":\"" + spec.name() + "\","
        + "\"region_id\":\"aws-us-east-2\",\"pg_version\":15,\"branch\":{\"name\":\"main\",\"database_name\":\""
        + database + "\",\"role_name\":\"" + database + "_owner\"},\"org_id\":\"org-morning-bread-81040908\"}}"));
    assertThat(create.authorization()).isEqualTo("Bearer " + FakeNeonApi.API_KEY);
    FakeCloudApi.Call search = fake.calls("GET", "/projects").get(0);
    assertThat(search.query()).containsEntry("search", spec.name()).containsEntry("limit", "400")
        .containsEntry("org_id", "org-morning-bread-81040908");
    assertThat(fake.calls("GET", "/projects/[^/]+/connection_uri"))
        .extracting(call -> call.queryParameter("pooled")).containsExactly("true");
  }

  @Test
  void aStagingBranchGetsItsOwnComputeAndTheEnvironmentUsesIt() throws Exception {
    spec = spec("staging");
    inventory.recordPlanned(spec);

    Resource database = activities.createDatabase(spec);
    CloudPostgresChecks.lookUntilReady(activities, database, 5);
    activities.migrateDatabase(database, MIGRATIONS);
    activities.validateDatabase(database, MIGRATIONS);

    FakeNeonApi.Project project = onlyProject();
    FakeNeonApi.Branch staging = project.branch("staging").orElseThrow();
    FakeNeonApi.Branch main = project.branch("main").orElseThrow();
    assertThat(staging.endpointId).startsWith("ep-");
    assertThat(fake.calls("POST", "/projects/[^/]+/branches")).singleElement().satisfies(call -> assertThat(
        call.body()).isEqualTo(json("{\"branch\":{\"name\":\"staging\"},\"endpoints\":[{\"type\":\"read_write\"}]}")));
    assertThat(PostgresCredentials.fromUrl(secrets.get(PostgresSecrets.ownerKey(spec.name())).orElseThrow()).database())
        .isEqualTo(staging.realDatabase);
    assertThat(secrets.get(PostgresSecrets.applicationKey(spec.name()))).contains(fake.uri(project, staging, true));
    assertThat(hasSyncSessions(project, staging)).isTrue();
    assertThat(hasSyncSessions(project, main)).isFalse();

    activities.deleteDatabase(database);

    assertThat(FakeCloudPostgres.databaseExists(staging.realDatabase)).isFalse();
    assertThat(fake.projects()).isEmpty();
  }

  @Test
  void aRateLimitIsRetriedAfterTheProvidersDelayAndThenCreatesOnce() {
    inventory.recordPlanned(spec);
    fake.failNext("POST", "/projects", 429, "11");

    ApplicationFailure limited = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));

    assertThat(limited.isNonRetryable()).isFalse();
    assertThat(limited.getType()).isEqualTo(ProviderFailures.TRANSIENT);
    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(11));
    assertThat(limited.getOriginalMessage()).startsWith("neon: create project " + spec.name() + ": HTTP 429");
    assertThat(fake.projects()).isEmpty();

    activities.createDatabase(spec);

    assertThat(fake.projects()).hasSize(1);
  }

  @Test
  void aServerErrorAfterTheProjectWasMadeIsRetriedAndTheRetryAdoptsIt() throws Exception {
    inventory.recordPlanned(spec);
    fake.failNextAfterHandling("POST", "/projects", 500);

    ApplicationFailure outage = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));

    assertThat(outage.isNonRetryable()).isFalse();
    assertThat(outage.getOriginalMessage()).contains("HTTP 500");

    Resource database = activities.createDatabase(spec);

    assertThat(fake.calls("POST", "/projects")).hasSize(1);
    assertThat(database.externalId()).isEqualTo(onlyProject().id);
    CloudPostgresChecks.lookUntilReady(activities, database, 5);
    assertThat(activities.migrateDatabase(database, MIGRATIONS).schemaVersion()).isEqualTo("3");
  }

  @Test
  void aLockedProjectIsRetriedLaterAndTheRetryMakesTheBranchOnce() {
    spec = spec("staging");
    inventory.recordPlanned(spec);
    fake.failNext("POST", "/projects/[^/]+/branches", 423, null);

    ApplicationFailure locked = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));

    assertThat(locked.isNonRetryable()).isFalse();
    assertThat(locked.getType()).isEqualTo(ProviderFailures.TRANSIENT);
    assertThat(locked.getOriginalMessage()).startsWith("neon: create branch staging of " + spec.name())
        .contains("HTTP 423");

    activities.createDatabase(spec);

    assertThat(fake.calls("POST", "/projects")).hasSize(1);
    assertThat(onlyProject().branches()).extracting(branch -> branch.name).containsExactly("main", "staging");
  }

  @Test
  void theBranchWaitsForTheProjectsOperationsAndAnAttemptThatRunsOutIsRetryable() {
    spec = spec("staging");
    fake.operationsFinishAfterLooks(4);
    inventory.recordPlanned(spec);
    PostgresActivitiesImpl hasty = new PostgresActivitiesImpl(List.of(provider(inventory.ownership(), settings(), 2)),
        secrets);

    ApplicationFailure busy = catchThrowableOfType(ApplicationFailure.class, () -> hasty.createDatabase(spec));

    assertThat(busy.isNonRetryable()).isFalse();
    assertThat(busy.getOriginalMessage()).contains("Neon project " + spec.name() + " is not ready for branch staging yet");
    assertThat(fake.calls("POST", "/projects/[^/]+/branches")).isEmpty();

    hasty.createDatabase(spec);

    assertThat(onlyProject().branches()).extracting(branch -> branch.name).containsExactly("main", "staging");
    assertThat(fake.calls("POST", "/projects/[^/]+/branches")).hasSize(1);
  }

  @Test
  void badCredentialsFailAtOnceNamingProviderOperationAndResourceButNotTheKey() {
    String wrongKey = "napi_wrong_key_0123456789";
    NeonSettings wrong = new NeonSettings(fake.baseUrl(), wrongKey, Optional.empty(), "disable");
    inventory.recordPlanned(spec);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> provider(inventory.ownership(), wrong, 5).create(spec));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo("BAD_CREDENTIALS");
    assertThat(failure.getOriginalMessage()).startsWith("neon: list projects " + spec.name() + ": HTTP 401: Unauthorized")
        .doesNotContain(wrongKey);
  }

  @Test
  void anUnprocessableOrBadRequestFailsAtOnceWithNeonsMessage() {
    inventory.recordPlanned(spec);
    fake.failNext("POST", "/projects", 422, null, "project limit reached for this plan");
    EnvironmentSpec nowhere = CloudPostgresSpecs.spec("neon", "nn-", "mars-north-1", "free", null);
    inventory.recordPlanned(nowhere);

    ApplicationFailure unprocessable = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.createDatabase(spec));
    ApplicationFailure badRegion = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.createDatabase(nowhere));

    assertThat(unprocessable.isNonRetryable()).isTrue();
    assertThat(unprocessable.getType()).isEqualTo("REQUEST_REJECTED");
    assertThat(unprocessable.getOriginalMessage())
        .isEqualTo("neon: create project " + spec.name() + ": HTTP 422: project limit reached for this plan");
    assertThat(badRegion.isNonRetryable()).isTrue();
    assertThat(badRegion.getOriginalMessage()).contains("HTTP 400", "region aws-mars-north-1 is not supported");
    assertThat(fake.projects()).isEmpty();
  }

  @Test
  void aCrashBetweenTheCreateAndTheClaimAdoptsInsteadOfCreatingTwice() throws Exception {
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
    assertThatThrownBy(() -> provider(dying, settings(), 5).create(spec)).hasMessageContaining("the worker died");
    assertThat(secrets.get(PostgresSecrets.ownerKey(spec.name()))).isEmpty();

    Resource database = activities.createDatabase(spec);

    assertThat(fake.calls("POST", "/projects")).hasSize(1);
    assertThat(database.externalId()).isEqualTo(onlyProject().id);
    assertThat(inventory.postgres(spec).orElseThrow().resource().externalId()).isEqualTo(onlyProject().id);
    CloudPostgresChecks.lookUntilReady(activities, database, 5);
    assertThat(activities.migrateDatabase(database, MIGRATIONS).schemaVersion()).isEqualTo("3");
  }

  @Test
  void aForeignProjectWithOurNameOnALaterPageIsAConflictAndNothingIsDeleted() {
    fake.pageSize(2);
    for (String suffix : List.of("-old", "-copy", "-2", "-3")) {
      fake.addForeignProject(spec.name() + suffix, Instant.now().minus(3, ChronoUnit.DAYS));
    }
    String foreign = fake.addForeignProject(spec.name(), Instant.now().minus(3, ChronoUnit.DAYS));
    Resource planned = inventory.recordPlanned(spec);

    ApplicationFailure conflict = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));

    assertThat(conflict.isNonRetryable()).isTrue();
    assertThat(conflict.getType()).isEqualTo("CONFLICT");
    assertThat(conflict.getOriginalMessage()).contains("neon", spec.name(), foreign, "leaves it untouched");
    assertThat(fake.calls("GET", "/projects").size()).isGreaterThanOrEqualTo(3);

    activities.deleteDatabase(planned);

    assertThat(fake.projects()).hasSize(5);
    assertThat(fake.calls("POST", ".*")).isEmpty();
    assertThat(fake.calls("DELETE", ".*")).isEmpty();
  }

  @Test
  void aPlannedReferenceDeletesTheProjectACrashedCreateLeftBehindAndDeletingAgainSucceeds() {
    Resource planned = inventory.recordPlanned(spec);
    fake.failNextAfterHandling("POST", "/projects", 502);
    assertThatThrownBy(() -> activities.createDatabase(spec)).isInstanceOf(ApplicationFailure.class);
    FakeNeonApi.Project leftBehind = onlyProject();

    activities.deleteDatabase(planned);
    activities.deleteDatabase(new Resource("POSTGRES_DATABASE", "neon", spec.name(), leftBehind.id, null));

    assertThat(fake.projects()).isEmpty();
    assertThat(fake.calls("DELETE", "/projects/" + leftBehind.id)).hasSize(2);
    assertThat(FakeCloudPostgres.roleExists(leftBehind.realRole)).isFalse();
  }

  @Test
  void aFailedOperationStopsTheWaitAtOnce() {
    fake.failNextOperations();
    inventory.recordPlanned(spec);
    Resource database = activities.createDatabase(spec);

    ApplicationFailure failed = catchThrowableOfType(ApplicationFailure.class,
        () -> CloudPostgresChecks.lookUntilReady(activities, database, 5));

    assertThat(failed.isNonRetryable()).isTrue();
    assertThat(failed.getType()).isEqualTo("PROVIDER_UNAVAILABLE");
    assertThat(failed.getOriginalMessage()).contains("Neon project " + spec.name(),
        "operation create_timeline failed (timeline creation failed: storage unavailable)");
  }

  @Test
  void operationsStillRunningAfterTheDeadlineFail() {
    fake.operationsFinishAfterLooks(100);
    inventory.recordPlanned(spec);
    Resource database = activities.createDatabase(spec);
    long anHourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();

    ApplicationFailure late = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.postgresReadiness(database, anHourAgo));

    assertThat(late.isNonRetryable()).isTrue();
    assertThat(late.getOriginalMessage()).contains("Neon project " + spec.name() + " is still start_compute running after 1h");
  }

  private boolean hasSyncSessions(FakeNeonApi.Project project, FakeNeonApi.Branch branch) throws Exception {
    PostgresCredentials credentials = PostgresCredentials.fromUrl(fake.uri(project, branch, false))
        .withSslMode("disable");
    Properties properties = new Properties();
    properties.setProperty("user", credentials.role());
    properties.setProperty("password", credentials.password());
    try (Connection connection = DriverManager.getConnection(credentials.jdbcUrl(), properties);
        ResultSet rows = connection.createStatement().executeQuery("SELECT to_regclass('sync_sessions') IS NOT NULL")) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  private FakeNeonApi.Project onlyProject() {
    assertThat(fake.projects()).hasSize(1);
    return fake.projects().get(0);
  }

  private EnvironmentSpec spec(String branch) {
    return CloudPostgresSpecs.spec("neon", "nn-", "us-east-2", "free", branch);
  }

  private NeonSettings settings() {
    return new NeonSettings(fake.baseUrl(), FakeNeonApi.API_KEY, Optional.empty(), "disable");
  }

  private NeonPostgresProvider provider(ResourceOwnership ownership, NeonSettings settings, int looks) {
    return new NeonPostgresProvider(settings, NeonApi.client(settings), secrets, ownership, POLICY,
        ProviderWait.immediate(looks));
  }
}
