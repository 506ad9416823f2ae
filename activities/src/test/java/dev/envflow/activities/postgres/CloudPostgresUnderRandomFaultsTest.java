package dev.envflow.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.fakes.CloudPostgresSpecs;
import dev.envflow.activities.fakes.FakeCloudPostgres;
import dev.envflow.activities.fakes.FakeFlyPostgresApi;
import dev.envflow.activities.fakes.FakeSupabaseApi;
import dev.envflow.activities.fakes.TestInventory;
import dev.envflow.activities.postgres.flypostgres.FlyPostgresProvider;
import dev.envflow.activities.postgres.flypostgres.FlyPostgresSettings;
import dev.envflow.activities.postgres.supabase.SupabasePostgresProvider;
import dev.envflow.activities.postgres.supabase.SupabaseSettings;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1b's faults on the two cloud PostgreSQL fakes the whole application cannot be pointed at through the
 * contract variables (their direct connection and login are the real providers'; docs/RELIABILITY.md, Known limits):
 * Supabase and Fly Postgres at 30% faults, half after applying the request, each call retried as Temporal would
 * retry the activity. Each environment's database is created once, migrated and validated, then deleted to nothing.
 */
class CloudPostgresUnderRandomFaultsTest {

  private static final double RATE = 0.3;
  private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(400);
  private static final long SLOW_MILLIS = 700;
  private static final long SEED = Long.getLong("envflow.chaos.seed", 20261129L);
  private static final int ENVIRONMENTS = 3;
  private static final int ATTEMPTS = 10;
  private static final ReadinessPolicy POLICY =
      new ReadinessPolicy(Duration.ofMillis(10), Duration.ofMinutes(5), Clock.systemUTC());

  private static TestInventory inventory;
  private Path secretsDirectory;
  private SecretStore secrets;

  @BeforeAll
  static void start() {
    inventory = TestInventory.create("cloud_postgres_faults_test");
    ProviderHttpClient.timeoutAfter(CLIENT_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    ProviderHttpClient.timeoutAfter(null);
    inventory.close();
  }

  @BeforeEach
  void secrets() throws Exception {
    secretsDirectory = Files.createTempDirectory("envflow-cloud-postgres-faults");
    secrets = new FileSecretStore(secretsDirectory);
  }

  @AfterEach
  void deleteSecrets() {
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void supabaseProjectsAreCreatedOnceAndDeletedToNothing() {
    try (FakeSupabaseApi fake = new FakeSupabaseApi()) {
      SupabaseSettings settings = SupabaseSettings.from(fake.providerVariables())
          .withDirect(FakeSupabaseApi.directConnection());
      PostgresActivitiesImpl activities = new PostgresActivitiesImpl(List.of(
          new SupabasePostgresProvider(settings, secrets, inventory.ownership(), POLICY)), secrets);
      fake.randomFaults().rate(RATE, SEED + 20, SLOW_MILLIS);
      for (int i = 0; i < ENVIRONMENTS; i++) {
        EnvironmentSpec spec = CloudPostgresSpecs.spec("supabase", "sbf-");
        Resource database = provisioned(activities, spec);
        assertThat(fake.projects()).filteredOn(p -> p.name.equals(spec.name())).hasSize(1);
        FakeSupabaseApi.Project project = fake.projects().stream().filter(p -> p.name.equals(spec.name())).findFirst()
            .orElseThrow();
        retried(() -> {
          activities.deleteDatabase(database);
          return null;
        });
        assertThat(fake.projects()).filteredOn(p -> p.name.equals(spec.name())).isEmpty();
        assertThat(FakeCloudPostgres.databaseExists(project.database)).isFalse();
      }
      assertThat(fake.randomFaults().afterHandling()).as("answers lost after applying").isPositive();
    }
  }

  @Test
  void flyPostgresClustersAreCreatedOnceAndDeletedToNothing() {
    try (FakeFlyPostgresApi fake = new FakeFlyPostgresApi()) {
      FlyPostgresSettings settings = FlyPostgresSettings.from(fake.providerVariables())
          .withLogin(FakeFlyPostgresApi.login());
      PostgresActivitiesImpl activities = new PostgresActivitiesImpl(List.of(
          new FlyPostgresProvider(settings, secrets, inventory.ownership(), POLICY)), secrets);
      fake.randomFaults().rate(RATE, SEED + 21, SLOW_MILLIS);
      for (int i = 0; i < ENVIRONMENTS; i++) {
        EnvironmentSpec spec = CloudPostgresSpecs.spec("fly-postgres", "fpf-", "iad", "basic", null);
        Resource database = provisioned(activities, spec);
        assertThat(fake.clusters()).filteredOn(c -> c.name.equals(spec.name())).hasSize(1);
        retried(() -> {
          activities.deleteDatabase(database);
          return null;
        });
        assertThat(fake.clusters()).filteredOn(c -> c.name.equals(spec.name())).isEmpty();
      }
      assertThat(fake.randomFaults().afterHandling()).as("answers lost after applying").isPositive();
    }
  }

  /** Create, readiness, migration and validation, each retried like its activity. */
  private static Resource provisioned(PostgresActivitiesImpl activities, EnvironmentSpec spec) {
    inventory.recordPlanned(spec);
    Resource database = retried(() -> activities.createDatabase(spec));
    inventory.inventory().recordResource(spec.id(), database);
    long since = System.currentTimeMillis();
    for (int look = 0; !retried(() -> activities.postgresReadiness(database, since)).ready(); look++) {
      assertThat(look).as("looks at " + spec.name()).isLessThan(50);
    }
    retried(() -> activities.migrateDatabase(database, CloudPostgresSpecs.MIGRATIONS));
    retried(() -> activities.validateDatabase(database, CloudPostgresSpecs.MIGRATIONS));
    return database;
  }

  /** Calls again after a retryable failure, as Temporal would retry the activity (without its backoff). */
  private static <T> T retried(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (ApplicationFailure failure) {
        if (failure.isNonRetryable() || attempt >= ATTEMPTS) {
          throw failure;
        }
      }
    }
  }
}
