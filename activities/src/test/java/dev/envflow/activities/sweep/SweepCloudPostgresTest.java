package dev.envflow.activities.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.fakes.FakeFlyPostgresApi;
import dev.envflow.activities.fakes.FakeNeonApi;
import dev.envflow.activities.fakes.FakeSupabaseApi;
import dev.envflow.activities.inventory.InventoryOwnership;
import dev.envflow.activities.postgres.CloudPostgresProviders;
import dev.envflow.activities.postgres.PostgresProvider;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep against the Neon, Supabase and Fly Managed Postgres fakes: in each, a project named like a torn-down
 * environment whose id the inventory recorded is an orphan and deleted; a same-named one the inventory never recorded
 * is listed and left; a live one stays; a live record whose project is gone is stale.
 */
class SweepCloudPostgresTest {

  private SweepInventory store;
  private Path secretsDirectory;

  @BeforeEach
  void setUp() throws Exception {
    store = new SweepInventory();
    secretsDirectory = Files.createTempDirectory("envflow-sweep-secrets");
  }

  @AfterEach
  void tearDown() {
    store.close();
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void neon() {
    try (FakeNeonApi neon = new FakeNeonApi()) {
      sweeps(provider(neon.variables()), neon::addForeignProject,
          () -> neon.projects().stream().map(project -> project.id).toList());
    }
  }

  @Test
  void supabase() {
    try (FakeSupabaseApi supabase = new FakeSupabaseApi()) {
      sweeps(provider(supabase.variables()), supabase::addForeignProject,
          () -> supabase.projects().stream().map(project -> project.ref).toList());
    }
  }

  @Test
  void flyManagedPostgres() {
    try (FakeFlyPostgresApi fly = new FakeFlyPostgresApi()) {
      sweeps(provider(fly.variables()), fly::addForeignCluster,
          () -> fly.clusters().stream().map(cluster -> cluster.id).toList());
    }
  }

  private void sweeps(PostgresProvider provider, BiFunction<String, Instant, String> seed, Supplier<List<String>> ids) {
    String tag = provider.name().replace("-", "");
    EnvironmentSpec gone = spec(tag + "-gone");
    String goneId = seed.apply(gone.name(), Instant.now());
    store.deleted(gone, database(provider, gone, goneId));
    EnvironmentSpec live = spec(tag + "-live");
    String liveId = seed.apply(live.name(), Instant.now());
    store.live(live, Phase.ACTIVE, database(provider, live, liveId));
    EnvironmentSpec other = spec(tag + "-other");
    store.live(other, Phase.ACTIVE, new Resource("POSTGRES_DATABASE", "local", other.name(), "x", null));
    String othersId = seed.apply(other.name(), Instant.now().minus(Duration.ofDays(30)));
    EnvironmentSpec stale = spec(tag + "-stale");
    store.live(stale, Phase.ACTIVE, database(provider, stale, "no-such-" + tag));
    Sweeper sweeper = new Sweeper(store.inventory, List.of(provider.orphanFinder()));

    SweepReport report = sweeper.sweep();

    assertThat(report.orphans()).extracting(Orphan::name, Orphan::externalId, Orphan::deletable).containsExactly(
        tuple(gone.name(), goneId, true), tuple(other.name(), othersId, false));
    assertThat(report.staleRecords()).extracting(StaleRecord::name).containsExactly(stale.name());

    SweepDeletion deletion = sweeper.delete("root@example.com", id -> false);

    assertThat(deletion.deleted()).extracting(Orphan::externalId).containsExactly(goneId);
    assertThat(deletion.failed()).isEmpty();
    assertThat(ids.get()).containsExactlyInAnyOrder(liveId, othersId);
    assertThat(store.inventory.liveResources(stale.id())).isEmpty();
    assertThat(store.inventory.liveResources(live.id())).extracting(Resource::externalId).containsExactly(liveId);
  }

  private PostgresProvider provider(Map<String, String> variables) {
    List<PostgresProvider> configured = CloudPostgresProviders.configured(new ProviderVariables(variables::get),
        new FileSecretStore(secretsDirectory), new InventoryOwnership(store.inventory),
        ReadinessPolicy.of(Duration.ofMillis(20), Duration.ofMinutes(1)));
    assertThat(configured).hasSize(1);
    return configured.get(0);
  }

  private static Resource database(PostgresProvider provider, EnvironmentSpec spec, String id) {
    return new Resource(ResourceKind.POSTGRES_DATABASE.name(), provider.name(), spec.name(), id, null);
  }

  private static EnvironmentSpec spec(String environment) {
    return new EnvironmentSpec("sweeppg", environment, EnvironmentSpec.NON_PRODUCTION_TIER, "local", "dev@example.com",
        null, null, null, null, null, null);
  }
}
