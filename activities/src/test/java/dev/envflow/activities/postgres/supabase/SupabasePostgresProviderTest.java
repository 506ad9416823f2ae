package dev.envflow.activities.postgres.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.cloud.ProviderWait;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.fakes.CloudPostgresChecks;
import dev.envflow.activities.fakes.CloudPostgresSpecs;
import dev.envflow.activities.fakes.FakeCloudApi;
import dev.envflow.activities.fakes.FakeCloudPostgres;
import dev.envflow.activities.fakes.FakeSupabaseApi;
import dev.envflow.activities.fakes.TestInventory;
import dev.envflow.activities.postgres.CloudPostgres;
import dev.envflow.activities.postgres.PostgresActivitiesImpl;
import dev.envflow.activities.postgres.PostgresCredentials;
import dev.envflow.activities.postgres.PostgresSecrets;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.MigrationReport;
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
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SupabasePostgresProviderTest {

  private static final String MIGRATIONS = CloudPostgresSpecs.MIGRATIONS;
  private static final ReadinessPolicy POLICY =
      new ReadinessPolicy(Duration.ofMillis(10), Duration.ofMinutes(5), Clock.systemUTC());

  private static TestInventory inventory;

  private FakeSupabaseApi fake;
  private Path secretsDirectory;
  private SecretStore secrets;
  private SupabasePostgresProvider provider;
  private PostgresActivitiesImpl activities;
  private EnvironmentSpec spec;

  @BeforeAll
  static void startInventory() {
    inventory = TestInventory.create("supabase_provider_test");
  }

  @AfterAll
  static void stopInventory() {
    inventory.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeSupabaseApi();
    secretsDirectory = Files.createTempDirectory("envflow-supabase-secrets");
    secrets = new FileSecretStore(secretsDirectory);
    provider = provider(inventory.ownership(), FakeSupabaseApi.TOKEN, ProviderWait.immediate(5));
    activities = new PostgresActivitiesImpl(List.of(provider), secrets);
    spec = CloudPostgresSpecs.spec("supabase", "sb-");
  }

  @AfterEach
  void tearDown() {
    fake.close();
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void createsWaitsForHealthMigratesValidatesAndDeletesLeavingNothingBehind() throws Exception {
    fake.healthyAfterLooks(3);
    inventory.recordPlanned(spec);

    Resource database = activities.createDatabase(spec);

    FakeSupabaseApi.Project project = onlyProject();
    assertThat(database).isEqualTo(new Resource("POSTGRES_DATABASE", "supabase", spec.name(), project.ref,
        "postgresql://" + FakeCloudPostgres.host() + ":" + FakeCloudPostgres.port() + "/sb_" + project.ref));
    assertThat(inventory.postgres(spec).orElseThrow().resource().externalId()).isEqualTo(project.ref);

    List<Readiness> looks = CloudPostgresChecks.lookUntilReady(activities, database, 5);
    assertThat(looks).extracting(Readiness::state).containsExactly("COMING_UP", "ACTIVE_HEALTHY");
    assertThat(looks.get(0).detail()).isEqualTo("Supabase project " + spec.name() + " COMING_UP");
    assertThat(looks.get(0).pollAfterMillis()).isEqualTo(10);

    PostgresCredentials owner = PostgresCredentials.fromUrl(secrets.get(PostgresSecrets.ownerKey(spec.name())).orElseThrow());
    assertThat(owner).isEqualTo(new PostgresCredentials("sb_" + project.ref, project.password, FakeCloudPostgres.host(),
        FakeCloudPostgres.port(), "sb_" + project.ref, "disable"));
    String applicationUrl = secrets.get(PostgresSecrets.applicationKey(spec.name())).orElseThrow();
    assertThat(applicationUrl).isEqualTo(fake.transactionConnectionString(project)
        .replace("[YOUR-PASSWORD]", project.password));
    assertThat(PostgresCredentials.fromUrl(applicationUrl).port()).isEqualTo(fake.pooler().port())
        .isNotEqualTo(owner.port());
    assertThat(secrets.applicationUrl("POSTGRES_DATABASE", spec.name())).contains(applicationUrl);

    MigrationReport migrated = activities.migrateDatabase(database, MIGRATIONS);
    assertThat(migrated.schemaVersion()).isEqualTo("3");
    CheckReport report = activities.validateDatabase(database, MIGRATIONS);
    assertThat(report.checks()).anySatisfy(check -> assertThat(check).startsWith("SELECT version(): PostgreSQL"))
        .anySatisfy(check -> assertThat(check).startsWith("INSERT INTO sync_sessions (rolled back)"));
    assertThat(CloudPostgresChecks.countSyncSessions(applicationUrl)).isZero();
    assertThat(fake.pooler().connectionsServed()).isEqualTo(1);

    activities.deleteDatabase(database);

    assertThat(fake.projects()).isEmpty();
    assertThat(FakeCloudPostgres.roleExists(project.role)).isFalse();
    assertThat(FakeCloudPostgres.databaseExists(project.database)).isFalse();
    assertThat(secrets.get(PostgresSecrets.ownerKey(spec.name()))).isEmpty();
    assertThat(secrets.get(PostgresSecrets.applicationKey(spec.name()))).isEmpty();
    assertThat(secrets.get(CloudPostgres.passwordKey(spec.name()))).isEmpty();
  }

  @Test
  void asksForTheProjectWithTheReferenceBodyAndTheBearerToken() {
    inventory.recordPlanned(spec);

    activities.createDatabase(spec);

    FakeCloudApi.Call create = fake.calls("POST", "/v1/projects").get(0);
    JsonNode body = create.body();
    assertThat(body.properties()).extracting(java.util.Map.Entry::getKey)
        .containsExactlyInAnyOrder("name", "organization_slug", "db_pass", "region_selection");
    assertThat(body.path("name").asText()).isEqualTo(spec.name());
    assertThat(body.path("organization_slug").asText()).isEqualTo(FakeSupabaseApi.ORGANIZATION);
    assertThat(body.path("region_selection").path("type").asText()).isEqualTo("specific");
    assertThat(body.path("region_selection").path("code").asText()).isEqualTo("us-west-1");
    assertThat(body.path("db_pass").asText()).hasSize(32).isEqualTo(onlyProject().password);
    assertThat(create.authorization()).isEqualTo("Bearer " + FakeSupabaseApi.TOKEN);
  }

  @Test
  void keepsThePasswordBeforeAskingForTheProjectSoALostAnswerStillConnects() throws Exception {
    inventory.recordPlanned(spec);
    fake.failNextAfterHandling("POST", "/v1/projects", 502);

    ApplicationFailure lost = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));

    assertThat(lost.isNonRetryable()).isFalse();
    assertThat(secrets.get(CloudPostgres.passwordKey(spec.name()))).contains(onlyProject().password);

    Resource database = activities.createDatabase(spec);

    assertThat(fake.calls("POST", "/v1/projects")).hasSize(1);
    assertThat(database.externalId()).isEqualTo(onlyProject().ref);
    CloudPostgresChecks.lookUntilReady(activities, database, 5);
    assertThat(activities.migrateDatabase(database, MIGRATIONS).schemaVersion()).isEqualTo("3");
  }

  @Test
  void aRateLimitIsRetriedAfterTheProvidersDelayAndThenCreatesOnce() {
    inventory.recordPlanned(spec);
    fake.failNext("POST", "/v1/projects", 429, "7");

    ApplicationFailure limited = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));

    assertThat(limited.isNonRetryable()).isFalse();
    assertThat(limited.getType()).isEqualTo(ProviderFailures.TRANSIENT);
    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(limited.getOriginalMessage()).startsWith("supabase: create project " + spec.name() + ": HTTP 429");
    assertThat(fake.projects()).isEmpty();

    Resource database = activities.createDatabase(spec);

    assertThat(fake.projects()).singleElement().satisfies(p -> assertThat(p.ref).isEqualTo(database.externalId()));
  }

  @Test
  void aServerErrorIsRetriedAndTheRetryAdoptsWhatTheProviderMadeAnyway() {
    inventory.recordPlanned(spec);
    fake.failNextAfterHandling("POST", "/v1/projects", 503);

    ApplicationFailure outage = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));

    assertThat(outage.isNonRetryable()).isFalse();
    assertThat(outage.getType()).isEqualTo(ProviderFailures.TRANSIENT);
    assertThat(outage.getOriginalMessage()).contains("HTTP 503");

    Resource database = activities.createDatabase(spec);

    assertThat(fake.calls("POST", "/v1/projects")).hasSize(1);
    assertThat(fake.projects()).singleElement().satisfies(p -> assertThat(p.ref).isEqualTo(database.externalId()));
  }

  @Test
  void aServerErrorBeforeTheCreateIsRetryableAndHonoursRetryAfter() {
    inventory.recordPlanned(spec);
    fake.failNext("GET", "/v1/projects", 500, "3");

    ApplicationFailure outage = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));

    assertThat(outage.isNonRetryable()).isFalse();
    assertThat(outage.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(outage.getOriginalMessage()).startsWith("supabase: list projects " + spec.name() + ": HTTP 500");
    assertThat(activities.createDatabase(spec).externalId()).isEqualTo(onlyProject().ref);
  }

  @Test
  void aTimeoutIsRetryable() {
    OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(300)).build();
    SupabaseSettings settings = settings(FakeSupabaseApi.TOKEN);
    ProviderHttpClient http = new ProviderHttpClient("supabase", settings.apiUrl(),
        request -> request.header("Authorization", "Bearer " + settings.accessToken()), impatient);
    SupabasePostgresProvider hurried = new SupabasePostgresProvider(settings, http, secrets, inventory.ownership(),
        POLICY, ProviderWait.immediate(5));
    inventory.recordPlanned(spec);
    // a GET is asked three times within an attempt (ProviderHttpClient.READ_ATTEMPTS): the attempt fails only then
    for (int i = 0; i < 3; i++) {
      fake.stallNext("GET", "/v1/projects", 3);
    }

    ApplicationFailure timedOut = catchThrowableOfType(ApplicationFailure.class, () -> hurried.create(spec));

    assertThat(timedOut.isNonRetryable()).isFalse();
    assertThat(timedOut.getOriginalMessage()).startsWith("supabase: list projects " + spec.name() + ": no answer");
  }

  @Test
  void badCredentialsFailAtOnceNamingProviderOperationAndResourceButNotTheToken() {
    String wrongToken = "sbp_wrong0123456789wrong0123456789wrong012";
    SupabasePostgresProvider refused = provider(inventory.ownership(), wrongToken, ProviderWait.immediate(5));
    inventory.recordPlanned(spec);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> refused.create(spec));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo("BAD_CREDENTIALS");
    assertThat(failure.getOriginalMessage())
        .startsWith("supabase: list projects " + spec.name() + ": HTTP 401: Unauthorized")
        .doesNotContain(wrongToken);
    assertThat(fake.calls("POST", "/v1/projects")).isEmpty();
  }

  @Test
  void anUnprocessableCreateFailsAtOnceWithTheProvidersTextButNeverThePassword() {
    inventory.recordPlanned(spec);
    fake.failNext("POST", "/v1/projects", 422, null, "Invalid project settings: {body}");

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));

    String password = secrets.get(CloudPostgres.passwordKey(spec.name())).orElseThrow();
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo("REQUEST_REJECTED");
    assertThat(failure.getOriginalMessage())
        .startsWith("supabase: create project " + spec.name() + ": HTTP 422: Invalid project settings")
        .contains("\"db_pass\":\"***\"")
        .doesNotContain(password);
    assertThat(fake.projects()).isEmpty();
  }

  @Test
  void aCrashBetweenTheCreateAndTheClaimAdoptsInsteadOfCreatingTwice() {
    inventory.recordPlanned(spec);
    AtomicBoolean crashed = new AtomicBoolean();
    ResourceOwnership real = inventory.ownership();
    ResourceOwnership dying = new ResourceOwnership() {
      @Override
      public boolean owns(String environmentId, ResourceKind kind, String name, String externalId,
          Optional<Instant> createdAt) {
        return real.owns(environmentId, kind, name, externalId, createdAt);
      }

      @Override
      public void claim(String environmentId, ResourceKind kind, String name, String externalId) {
        crashed.set(true);
        throw new IllegalStateException("the worker died before it recorded " + externalId);
      }
    };

    assertThatThrownBy(() -> provider(dying, FakeSupabaseApi.TOKEN, ProviderWait.immediate(5)).create(spec))
        .hasMessageContaining("the worker died");
    assertThat(crashed).isTrue();
    assertThat(inventory.postgres(spec).orElseThrow().resource().externalId()).isEqualTo(spec.name());

    Resource database = activities.createDatabase(spec);

    assertThat(fake.calls("POST", "/v1/projects")).hasSize(1);
    assertThat(fake.projects()).singleElement().satisfies(p -> assertThat(p.ref).isEqualTo(database.externalId()));
    assertThat(inventory.postgres(spec).orElseThrow().resource().externalId()).isEqualTo(database.externalId());
  }

  @Test
  void aForeignProjectWithOurNameIsAConflictAndNothingOfItIsTouched() {
    String foreign = fake.addForeignProject(spec.name(), Instant.now().minus(2, ChronoUnit.DAYS));
    Resource planned = inventory.recordPlanned(spec);

    ApplicationFailure conflict = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));

    assertThat(conflict.isNonRetryable()).isTrue();
    assertThat(conflict.getType()).isEqualTo("CONFLICT");
    assertThat(conflict.getOriginalMessage()).contains("supabase", spec.name(), foreign, "leaves it untouched");

    activities.deleteDatabase(planned);

    assertThat(fake.projects()).singleElement().satisfies(p -> {
      assertThat(p.ref).isEqualTo(foreign);
      assertThat(p.status()).isEqualTo("ACTIVE_HEALTHY");
    });
    assertThat(fake.calls("POST", ".*")).isEmpty();
    assertThat(fake.calls("DELETE", ".*")).isEmpty();
    assertThat(fake.calls("PATCH", ".*")).isEmpty();
  }

  @Test
  void aSameNamedProjectInAnotherOrganizationIsNeitherAdoptedNorAConflict() {
    String elsewhere = fake.addForeignProject(spec.name(), Instant.now(), "someone-elses-org");
    inventory.recordPlanned(spec);

    Resource database = activities.createDatabase(spec);

    assertThat(database.externalId()).isNotEqualTo(elsewhere);
    assertThat(fake.projects()).hasSize(2);
    assertThat(fake.calls("POST", "/v1/projects")).hasSize(1);
  }

  @Test
  void aSameNamedProjectInAnotherEnvironmentsRecordIsNotOurs() {
    inventory.recordPlanned(spec);
    Resource database = activities.createDatabase(spec);
    EnvironmentSpec unrecorded = CloudPostgresSpecs.spec("supabase", "other-");

    assertThat(inventory.ownership().owns(unrecorded.id(), ResourceKind.POSTGRES_DATABASE, spec.name(),
        database.externalId(), Optional.of(Instant.now()))).isFalse();
    assertThat(inventory.ownership().owns(spec.id(), ResourceKind.POSTGRES_DATABASE, spec.name(),
        database.externalId(), Optional.empty())).isTrue();
  }

  @Test
  void aPlannedReferenceDeletesTheProjectACrashedCreateLeftBehind() {
    Resource planned = inventory.recordPlanned(spec);
    fake.failNextAfterHandling("POST", "/v1/projects", 500);
    assertThatThrownBy(() -> activities.createDatabase(spec)).isInstanceOf(ApplicationFailure.class);
    FakeSupabaseApi.Project leftBehind = onlyProject();

    activities.deleteDatabase(planned);

    assertThat(fake.projects()).isEmpty();
    assertThat(fake.calls("DELETE", "/v1/projects/" + leftBehind.ref)).hasSize(1);
    assertThat(FakeCloudPostgres.databaseExists(leftBehind.database)).isFalse();
    assertThat(secrets.get(CloudPostgres.passwordKey(spec.name()))).isEmpty();
  }

  @Test
  void deletionWaitsUntilTheProjectIsGoneAndDeletingAgainSucceeds() {
    fake.removedAfterLooks(3);
    inventory.recordPlanned(spec);
    Resource database = activities.createDatabase(spec);

    activities.deleteDatabase(database);
    activities.deleteDatabase(database);

    assertThat(fake.projects()).isEmpty();
    assertThat(fake.calls("DELETE", ".*")).hasSize(1);
    assertThat(fake.calls("GET", "/v1/projects/[a-z]+").size()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aDeletionThatOutlastsOneAttemptIsRetriedWithoutAskingTwice() {
    fake.removedAfterLooks(4);
    inventory.recordPlanned(spec);
    Resource database = activities.createDatabase(spec);
    SupabasePostgresProvider hasty = provider(inventory.ownership(), FakeSupabaseApi.TOKEN, ProviderWait.immediate(2));

    ApplicationFailure pending = catchThrowableOfType(ApplicationFailure.class, () -> hasty.delete(database));

    assertThat(pending.isNonRetryable()).isFalse();
    assertThat(pending.getOriginalMessage()).contains("is not deleted yet (GOING_DOWN)");
    assertThat(fake.projects()).hasSize(1);

    hasty.delete(database);

    assertThat(fake.projects()).isEmpty();
    assertThat(fake.calls("DELETE", ".*")).hasSize(1);
  }

  @Test
  void aProjectThatFailsToStartStopsTheWaitAtOnce() {
    fake.failNextInit();
    inventory.recordPlanned(spec);
    Resource database = activities.createDatabase(spec);

    ApplicationFailure failed = catchThrowableOfType(ApplicationFailure.class,
        () -> CloudPostgresChecks.lookUntilReady(activities, database, 5));

    assertThat(failed.isNonRetryable()).isTrue();
    assertThat(failed.getType()).isEqualTo("PROVIDER_UNAVAILABLE");
    assertThat(failed.getOriginalMessage()).contains("Supabase project " + spec.name(), "INIT_FAILED");
  }

  @Test
  void aProjectStillComingUpAfterTheDeadlineFails() {
    fake.healthyAfterLooks(100);
    inventory.recordPlanned(spec);
    Resource database = activities.createDatabase(spec);
    long twentyMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(20).toMillis();

    ApplicationFailure late = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.postgresReadiness(database, twentyMinutesAgo));

    assertThat(late.isNonRetryable()).isTrue();
    assertThat(late.getType()).isEqualTo("PROVIDER_UNAVAILABLE");
    assertThat(late.getOriginalMessage()).contains("Supabase project " + spec.name() + " is still COMING_UP after 20m");
  }

  @Test
  void aPoolerInSessionModeIsSwitchedToTransactionModeForTheApplication() throws Exception {
    fake.poolersInSessionMode();
    inventory.recordPlanned(spec);
    Resource database = activities.createDatabase(spec);

    CloudPostgresChecks.lookUntilReady(activities, database, 5);
    activities.migrateDatabase(database, MIGRATIONS);

    FakeCloudApi.Call patch = fake.calls("PATCH", "/v1/projects/[a-z]+/config/database/pooler").get(0);
    assertThat(patch.body().toString()).isEqualTo("{\"pool_mode\":\"transaction\"}");
    String applicationUrl = secrets.get(PostgresSecrets.applicationKey(spec.name())).orElseThrow();
    assertThat(CloudPostgresChecks.countSyncSessions(applicationUrl)).isZero();
  }

  @Test
  void anAdoptedProjectWhosePasswordWasLostFailsSayingHowToFixIt() {
    inventory.recordPlanned(spec);
    activities.createDatabase(spec);
    secrets.delete(CloudPostgres.passwordKey(spec.name()));

    ApplicationFailure lost = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(spec));

    assertThat(lost.isNonRetryable()).isTrue();
    assertThat(lost.getType()).isEqualTo("BAD_CREDENTIALS");
    assertThat(lost.getOriginalMessage()).contains(spec.name(), "not in the worker's secret store",
        CloudPostgres.passwordKey(spec.name()), "/database/password", "tear the environment down");
    assertThat(fake.calls("POST", "/v1/projects")).hasSize(1);
  }

  @Test
  void theLocalRegionMeansNoPreferenceAndAnUnknownOneIsRefusedBeforeAnyCall() {
    EnvironmentSpec local = CloudPostgresSpecs.spec("supabase", "sb-", "local", "free", null);
    EnvironmentSpec moon = CloudPostgresSpecs.spec("supabase", "sb-", "moon-base", "free", null);
    inventory.recordPlanned(local);

    activities.createDatabase(local);
    int callsBefore = fake.calls().size();
    ApplicationFailure refused = catchThrowableOfType(ApplicationFailure.class, () -> activities.createDatabase(moon));

    assertThat(fake.calls("POST", "/v1/projects").get(0).body().path("region_selection").path("code").asText())
        .isEqualTo("us-east-1");
    assertThat(refused.getType()).isEqualTo("INVALID_SPEC");
    assertThat(refused.getOriginalMessage()).contains("region", "supabase", "moon-base", "us-east-1");
    assertThat(fake.calls()).hasSize(callsBefore);
  }

  private FakeSupabaseApi.Project onlyProject() {
    assertThat(fake.projects()).hasSize(1);
    return fake.projects().get(0);
  }

  private SupabaseSettings settings(String token) {
    return new SupabaseSettings(fake.baseUrl(), token, FakeSupabaseApi.ORGANIZATION, "disable",
        FakeSupabaseApi.directConnection());
  }

  private SupabasePostgresProvider provider(ResourceOwnership ownership, String token, ProviderWait deletion) {
    SupabaseSettings settings = settings(token);
    return new SupabasePostgresProvider(settings, SupabaseApi.client(settings), secrets, ownership, POLICY, deletion);
  }
}
