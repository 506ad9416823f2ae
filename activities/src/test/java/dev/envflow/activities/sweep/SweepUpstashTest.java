package dev.envflow.activities.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.fakes.FakeFlyGraphql;
import dev.envflow.activities.fakes.FakeRedisServers;
import dev.envflow.activities.fakes.FakeUpstashApi;
import dev.envflow.activities.fakes.TestTls;
import dev.envflow.activities.inventory.AuditEntry;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.InventoryOwnership;
import dev.envflow.activities.redis.RedisProvider;
import dev.envflow.activities.redis.flyupstash.FlyUpstashProvider;
import dev.envflow.activities.redis.upstash.UpstashProvider;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep against the Upstash fake, where a database carries nothing of envflow's but its name: a database the
 * inventory shows deleted is an orphan and deleted; a same-named one the inventory never recorded is listed and left;
 * a live one is not touched; a record whose database went away is stale.
 */
class SweepUpstashTest {

  private static final String ADMIN = "root@example.com";

  private FakeRedisServers servers;
  private FakeUpstashApi upstash;
  private SweepInventory store;
  private Inventory inventory;
  private Path secretsDirectory;
  private RedisProvider provider;
  private Sweeper sweeper;

  @BeforeEach
  void setUp() throws Exception {
    servers = new FakeRedisServers();
    upstash = new FakeUpstashApi(servers);
    store = new SweepInventory();
    inventory = store.inventory;
    secretsDirectory = Files.createTempDirectory("envflow-sweep-secrets");
    SecretStore secrets = new FileSecretStore(secretsDirectory);
    Map<String, String> variables = Map.of(UpstashProvider.EMAIL, FakeUpstashApi.EMAIL, UpstashProvider.API_KEY,
        FakeUpstashApi.API_KEY, UpstashProvider.BASE_URL, upstash.baseUrl());
    provider = UpstashProvider.configured(new ProviderVariables(variables::get), secrets,
        new InventoryOwnership(inventory), ReadinessPolicy.of(Duration.ofMillis(20), Duration.ofMinutes(1)),
        TestTls.get().redisTls());
    sweeper = new Sweeper(inventory, List.of(provider.orphanFinder()));
  }

  @AfterEach
  void tearDown() {
    upstash.close();
    servers.close();
    store.close();
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void findsAndDeletesTheDatabaseTheInventoryShowsDeletedAndLeavesEverythingElse() {
    EnvironmentSpec gone = spec("gone");
    String goneId = upstash.seedDatabase(gone.name(), Instant.now());
    store.deleted(gone, database(gone, goneId));

    EnvironmentSpec live = spec("live");
    String liveId = upstash.seedDatabase(live.name(), Instant.now());
    store.live(live, Phase.ACTIVE, database(live, liveId));

    EnvironmentSpec other = spec("other");
    store.live(other, Phase.ACTIVE, new Resource("REDIS_USER", "local", other.name(), other.name(), null));
    String othersId = upstash.seedDatabase(other.name(), Instant.now().minus(Duration.ofDays(30)));

    EnvironmentSpec stale = spec("stale");
    String staleId = upstash.seedDatabase(stale.name(), Instant.now());
    Resource staleDatabase = store.live(stale, Phase.ACTIVE, database(stale, staleId));
    provider.delete(staleDatabase);

    String unrelated = upstash.seedDatabase("someone-elses-cache", Instant.now());

    SweepReport report = sweeper.sweep();

    assertThat(report.orphans()).extracting(Orphan::name, Orphan::externalId, Orphan::deletable).containsExactly(
        tuple(gone.name(), goneId, true),
        tuple(other.name(), othersId, false));
    assertThat(report.orphans().get(0).why()).isEqualTo("Upstash database " + gone.name() + " (" + goneId + ") is named"
        + " like environment " + gone.id() + "; the inventory records it deleted at "
        + inventory.findResource(gone.id(), "REDIS_USER", gone.name()).orElseThrow().deletedAt().orElseThrow()
        + "; the inventory recorded this very upstash resource");
    assertThat(report.orphans().get(1).why()).contains("the live REDIS_USER of " + other.id() + " is at provider local",
        "cannot prove it made it");
    assertThat(report.staleRecords()).extracting(StaleRecord::environmentId, StaleRecord::externalId)
        .containsExactly(tuple(stale.id(), staleId));

    SweepDeletion deletion = sweeper.delete(ADMIN, id -> false);

    assertThat(deletion.deleted()).extracting(Orphan::externalId).containsExactly(goneId);
    assertThat(deletion.kept()).extracting(Orphan::externalId).containsExactly(othersId);
    assertThat(deletion.recordsMarkedDeleted()).extracting(StaleRecord::externalId).containsExactly(staleId);
    assertThat(upstash.databaseIds()).containsExactlyInAnyOrder(liveId, othersId, unrelated);
    assertThat(upstash.requests()).filteredOn(request -> request.startsWith("DELETE"))
        .containsExactly("DELETE /v2/redis/database/" + staleId, "DELETE /v2/redis/database/" + goneId);
    assertThat(inventory.liveResources(live.id())).extracting(Resource::externalId).containsExactly(liveId);
    assertThat(inventory.liveResources(stale.id())).isEmpty();
    assertThat(inventory.auditLog(gone.id())).extracting(AuditEntry::action, AuditEntry::actor)
        .containsExactly(tuple(Sweeper.ORPHAN_DELETED, ADMIN));

    SweepReport after = sweeper.sweep();
    assertThat(after.orphans()).extracting(Orphan::externalId).containsExactly(othersId);
    assertThat(after.staleRecords()).isEmpty();
  }

  @Test
  void flyUpstashAddOnsAreLookedUpByNameInTheOrganisationAndDeletedOnlyWhenTheirIdWasRecorded() throws Exception {
    try (FakeFlyGraphql fly = new FakeFlyGraphql(servers)) {
      Map<String, String> variables = Map.of(FlyUpstashProvider.TOKEN, FakeFlyGraphql.TOKEN, FlyUpstashProvider.ORG,
          FakeFlyGraphql.ORG, FlyUpstashProvider.GRAPHQL_URL, fly.url());
      RedisProvider addOns = FlyUpstashProvider.configured(new ProviderVariables(variables::get),
          new FileSecretStore(secretsDirectory), new InventoryOwnership(inventory),
          ReadinessPolicy.of(Duration.ofMillis(20), Duration.ofMinutes(1)), TestTls.get().redisTls());
      EnvironmentSpec gone = spec("fly-gone");
      store.deleted(gone, new Resource("REDIS_USER", FlyUpstashProvider.NAME, gone.name(),
          fly.seedAddOn(gone.name(), FakeFlyGraphql.ORG), null));
      EnvironmentSpec unrecorded = spec("fly-unrecorded");
      store.deleted(unrecorded, new Resource("REDIS_USER", FlyUpstashProvider.NAME, unrecorded.name(), "other-id",
          null));
      fly.seedAddOn(unrecorded.name(), FakeFlyGraphql.ORG);
      EnvironmentSpec elsewhere = spec("fly-elsewhere");
      store.deleted(elsewhere, new Resource("REDIS_USER", FlyUpstashProvider.NAME, elsewhere.name(),
          fly.seedAddOn(elsewhere.name(), FakeFlyGraphql.OTHER_ORG), null));
      Sweeper flySweeper = new Sweeper(inventory, List.of(addOns.orphanFinder()));

      assertThat(flySweeper.sweep().orphans()).extracting(Orphan::name, Orphan::deletable).containsExactly(
          tuple(gone.name(), true), tuple(unrecorded.name(), false));

      SweepDeletion deletion = flySweeper.delete(ADMIN, id -> false);

      assertThat(deletion.deleted()).extracting(Orphan::name).containsExactly(gone.name());
      assertThat(fly.addOnNames()).containsExactlyInAnyOrder(unrecorded.name(), elsewhere.name());
    }
  }

  private static Resource database(EnvironmentSpec spec, String id) {
    return new Resource(ResourceKind.REDIS_USER.name(), UpstashProvider.NAME, spec.name(), id, "rediss://example:6379");
  }

  private static EnvironmentSpec spec(String environment) {
    return new EnvironmentSpec("sweepup", environment, EnvironmentSpec.NON_PRODUCTION_TIER, "local", "dev@example.com",
        null, null, null, null, null, null);
  }
}
