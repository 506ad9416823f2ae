package dev.envflow.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.fakes.CloudPostgresSpecs;
import dev.envflow.activities.fakes.FakeFlyPostgresApi;
import dev.envflow.activities.fakes.FakeNeonApi;
import dev.envflow.activities.fakes.FakeSupabaseApi;
import dev.envflow.activities.fakes.TestInventory;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudPostgresProvidersTest {

  private static TestInventory inventory;
  private Path secretsDirectory;
  private SecretStore secrets;

  @BeforeAll
  static void startInventory() {
    inventory = TestInventory.create("cloud_postgres_providers_test");
  }

  @AfterAll
  static void stopInventory() {
    inventory.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    secretsDirectory = Files.createTempDirectory("envflow-cloud-postgres-secrets");
    secrets = new FileSecretStore(secretsDirectory);
  }

  @AfterEach
  void tearDown() {
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void withoutCredentialsNothingIsConfiguredAndEachProviderNamesWhatItMisses() {
    ProviderVariables none = variables(Map.of("SUPABASE_ACCESS_TOKEN", "  ", "FLY_ORG", "personal"));

    assertThat(configured(none)).isEmpty();
    assertThat(CloudPostgresProviders.availability(none)).containsExactly(
        new ProviderAvailability("postgres", "supabase", false, "missing SUPABASE_ACCESS_TOKEN, SUPABASE_ORGANIZATION",
            false),
        new ProviderAvailability("postgres", "neon", false, "missing NEON_API_KEY", false),
        new ProviderAvailability("postgres", "fly-postgres", false, "missing FLY_API_TOKEN", true),
        new ProviderAvailability("postgres", "fly", false, dev.envflow.activities.postgres.flypostgres.FlyPostgresSettings.CLASSIC_REFUSED, false));
  }

  @Test
  void classicFlyPostgresIsAlwaysRefusedSayingWhyAndWhatToUse() {
    ProviderVariables all = variables(Map.of("FLY_API_TOKEN", "fm2_x", "NEON_API_KEY", "napi_x",
        "SUPABASE_ACCESS_TOKEN", "sbp_x", "SUPABASE_ORGANIZATION", "org"));

    assertThat(CloudPostgresProviders.availability(all)).filteredOn(a -> a.provider().equals("fly")).singleElement()
        .satisfies(classic -> {
          assertThat(classic.available()).isFalse();
          assertThat(classic.reason()).contains("classic Fly Postgres", "no API", "use fly-postgres", "supabase", "neon");
        });
    assertThat(CloudPostgresProviders.availability(all)).filteredOn(a -> !a.provider().equals("fly"))
        .allSatisfy(a -> assertThat(a.available()).isTrue())
        .filteredOn(ProviderAvailability::beta).extracting(ProviderAvailability::provider).containsExactly("fly-postgres");
    assertThat(configured(all)).extracting(PostgresProvider::name).containsExactly("supabase", "neon", "fly-postgres");
  }

  @Test
  void onlyTheProvidersWhoseCredentialsAreSetAreConfigured() {
    assertThat(configured(variables(Map.of("NEON_API_KEY", "napi_x")))).extracting(PostgresProvider::name)
        .containsExactly("neon");
    assertThat(configured(variables(Map.of("SUPABASE_ACCESS_TOKEN", "sbp_x")))).isEmpty();
    assertThat(configured(variables(Map.of("FLY_API_TOKEN", "fm2_x")))).extracting(PostgresProvider::name)
        .containsExactly("fly-postgres");
  }

  @Test
  void theConfiguredProvidersTalkToTheBaseUrlsAndWithTheCredentialsOfTheContract() {
    try (FakeSupabaseApi supabase = new FakeSupabaseApi(); FakeNeonApi neon = new FakeNeonApi();
        FakeFlyPostgresApi fly = new FakeFlyPostgresApi()) {
      Map<String, String> all = new HashMap<>();
      all.putAll(supabase.variables());
      all.putAll(neon.variables());
      all.putAll(fly.variables());
      all.remove("ENVFLOW_POSTGRES_SSLMODE");
      List<PostgresProvider> providers = configured(variables(all));

      for (PostgresProvider provider : providers) {
        EnvironmentSpec spec = CloudPostgresSpecs.spec(provider.name(), "cf-", "us-east-2",
            provider.name().equals("fly-postgres") ? "basic" : "free", null);
        inventory.recordPlanned(spec);
        provider.create(spec);
      }

      assertThat(supabase.projects()).hasSize(1);
      assertThat(neon.projects()).hasSize(1);
      assertThat(fly.clusters()).hasSize(1);
      String neonOwner = secrets.get(PostgresSecrets.ownerKey(neon.projects().get(0).name)).orElseThrow();
      assertThat(PostgresCredentials.fromUrl(neonOwner).sslMode()).isEqualTo("require");
    }
  }

  private List<PostgresProvider> configured(ProviderVariables variables) {
    return CloudPostgresProviders.configured(variables, secrets, inventory.ownership(), ReadinessPolicy.DEFAULT);
  }

  private static ProviderVariables variables(Map<String, String> values) {
    return new ProviderVariables(values::get);
  }
}
