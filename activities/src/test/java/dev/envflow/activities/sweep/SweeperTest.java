package dev.envflow.activities.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.activities.inventory.AuditEntry;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.ResourceState;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweep's decisions over a real inventory and providers held in memory. */
class SweeperTest {

  private static final String ADMIN = "root@example.com";

  private SweepInventory store;
  private Inventory inventory;
  private MemoryOrphanFinder local;
  private MemoryOrphanFinder cloud;
  private Sweeper sweeper;

  @BeforeEach
  void setUp() {
    store = new SweepInventory();
    inventory = store.inventory;
    local = new MemoryOrphanFinder("local", ResourceKind.POSTGRES_DATABASE);
    cloud = new MemoryOrphanFinder("neon", ResourceKind.POSTGRES_DATABASE);
    sweeper = new Sweeper(inventory, List.of(local, cloud));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void findsMarkedResourcesWithoutALiveRecordAndNeverTheLiveOnes() {
    store.live(spec("live"), Phase.ACTIVE, local.hold("app-live", "app_live", Mark.ENVFLOW).resource("app-live", "app_live"));
    store.deleted(spec("gone"), local.hold("app-gone", "app_gone", Mark.ENVFLOW).resource("app-gone", "app_gone"));
    local.hold("app-unknown", "app_unknown", Mark.ENVFLOW);

    SweepReport report = sweeper.sweep();

    assertThat(report.orphans()).extracting(Orphan::name).containsExactly("app-gone", "app-unknown");
    assertThat(report.orphans()).allMatch(Orphan::deletable);
    assertThat(report.orphans().get(0).why()).contains("held by local", "the inventory records it deleted at");
    assertThat(report.orphans().get(1).why()).contains("the inventory has no environment env-app-unknown");
    assertThat(report.staleRecords()).isEmpty();
    assertThat(report.notChecked()).isEmpty();
  }

  @Test
  void aResourceKnownOnlyByItsNameIsDeletedOnlyWhenTheInventoryRecordedThatVeryResource() {
    store.deleted(spec("torn"), cloud.hold("app-torn", "proj-1", Mark.NAME).resource("app-torn", "proj-1"));
    EnvironmentSpec other = spec("other");
    store.deleted(other, cloud.resource("app-other", "proj-2"));
    cloud.hold("app-other", "proj-3", Mark.NAME, Optional.of(Instant.now().minus(1, ChronoUnit.DAYS)));
    store.live(spec("switched"), Phase.ACTIVE, local.hold("app-switched", "app_switched", Mark.ENVFLOW)
        .resource("app-switched", "app_switched"));
    cloud.hold("app-switched", "proj-4", Mark.NAME);
    cloud.hold("not-an-environment", "proj-5", Mark.NAME);

    SweepReport report = sweeper.sweep();

    assertThat(report.orphans()).extracting(Orphan::externalId, Orphan::deletable)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("proj-3", false),
            org.assertj.core.groups.Tuple.tuple("proj-4", false), org.assertj.core.groups.Tuple.tuple("proj-1", true));
    assertThat(report.orphans().get(0).why()).contains("cannot prove it made it", "--delete leaves it");
    assertThat(report.orphans().get(1).why()).contains("the live POSTGRES_DATABASE of env-app-switched is at provider local");

    SweepDeletion deletion = sweeper.delete(ADMIN, id -> false);

    assertThat(deletion.deleted()).extracting(Orphan::externalId).containsExactly("proj-1");
    assertThat(deletion.kept()).extracting(Orphan::externalId).containsExactly("proj-3", "proj-4");
    assertThat(cloud.deleted).containsExactly("proj-1");
    assertThat(cloud.holds("proj-3")).isTrue();
    assertThat(cloud.holds("proj-4")).isTrue();
    assertThat(cloud.holds("proj-5")).isTrue();
    assertThat(local.deleted).isEmpty();
  }

  @Test
  void aResourceWhoseCreateNeverRecordedItsIdIsProvenByBeingMadeAfterTheRecord() {
    EnvironmentSpec spec = spec("crashed");
    store.deleted(spec, Resource.planned(ResourceKind.POSTGRES_DATABASE, "neon", spec.name()));
    cloud.hold(spec.name(), "proj-after", Mark.NAME, Optional.of(Instant.now().plus(1, ChronoUnit.MINUTES)));
    cloud.hold(spec.name(), "proj-unknown-age", Mark.NAME);

    assertThat(sweeper.sweep().orphans()).extracting(Orphan::externalId, Orphan::deletable)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("proj-after", true),
            org.assertj.core.groups.Tuple.tuple("proj-unknown-age", false));
  }

  @Test
  void deletesTheOrphansAuditsEachAsTheAdminAndForgetsTheirSecrets() {
    store.deleted(spec("gone"), local.hold("app-gone", "app_gone", Mark.ENVFLOW).resource("app-gone", "app_gone"));
    local.hold("app-unknown", "app_unknown", Mark.ENVFLOW);

    SweepDeletion deletion = sweeper.delete(ADMIN, id -> false);

    assertThat(deletion.deleted()).extracting(Orphan::name).containsExactly("app-gone", "app-unknown");
    assertThat(local.deleted).containsExactly("app_gone", "app_unknown");
    assertThat(local.forgotten).containsExactly("app-gone", "app-unknown");
    assertThat(inventory.auditLog("env-app-gone")).extracting(AuditEntry::action, AuditEntry::actor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Sweeper.ORPHAN_DELETED, ADMIN));
    assertThat(inventory.auditLog("env-app-unknown")).singleElement()
        .satisfies(entry -> assertThat(entry.reason()).contains("POSTGRES_DATABASE local app-unknown (app_unknown)"));
    assertThat(sweeper.sweep().orphans()).isEmpty();
  }

  @Test
  void keepsTheSecretsOfAnOrphanWhoseNameIsLiveAtAnotherProvider() {
    store.live(spec("moved"), Phase.ACTIVE, cloud.hold("app-moved", "proj-9", Mark.NAME).resource("app-moved", "proj-9"));
    local.hold("app-moved", "app_moved", Mark.ENVFLOW);

    SweepDeletion deletion = sweeper.delete(ADMIN, id -> false);

    assertThat(deletion.deleted()).extracting(Orphan::externalId).containsExactly("app_moved");
    assertThat(local.forgotten).isEmpty();
    assertThat(cloud.holds("proj-9")).isTrue();
  }

  @Test
  void aLiveRecordWhoseResourceIsGoneIsStaleAndOnlyTheDeleteMarksItDeleted() {
    Resource dropped = store.live(spec("dropped"), Phase.ACTIVE, local.resource("app-dropped", "app_dropped"));
    store.live(spec("fine"), Phase.ACTIVE, local.hold("app-fine", "app_fine", Mark.ENVFLOW).resource("app-fine", "app_fine"));

    SweepReport report = sweeper.sweep();

    assertThat(report.orphans()).isEmpty();
    assertThat(report.staleRecords()).singleElement().satisfies(stale -> {
      assertThat(stale.environmentId()).isEqualTo("env-app-dropped");
      assertThat(stale.externalId()).isEqualTo("app_dropped");
      assertThat(stale.why()).contains("local no longer has it");
    });
    assertThat(state("env-app-dropped", dropped)).isEqualTo(ResourceState.LIVE);

    SweepDeletion deletion = sweeper.delete(ADMIN, id -> false);

    assertThat(deletion.recordsMarkedDeleted()).extracting(StaleRecord::name).containsExactly("app-dropped");
    assertThat(deletion.deleted()).isEmpty();
    assertThat(state("env-app-dropped", dropped)).isEqualTo(ResourceState.DELETED);
    assertThat(inventory.liveResources("env-app-fine")).hasSize(1);
    assertThat(inventory.auditLog("env-app-dropped")).extracting(AuditEntry::action, AuditEntry::actor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Sweeper.RECORD_MARKED_DELETED, ADMIN));
    assertThat(sweeper.sweep().staleRecords()).isEmpty();
  }

  @Test
  void leavesEnvironmentsThatAreBeingWorkedOn() {
    store.live(spec("provisioning"), Phase.PROVISIONING, local.resource("app-provisioning", "app_provisioning"));
    EnvironmentSpec again = spec("again");
    store.deleted(again, local.hold("app-again", "app_again", Mark.ENVFLOW).resource("app-again", "app_again"));
    inventory.recordPhase(again.id(), Phase.PROVISIONING);
    store.deleted(spec("busy"), local.hold("app-busy", "app_busy", Mark.ENVFLOW).resource("app-busy", "app_busy"));

    SweepReport report = sweeper.sweep();

    assertThat(report.staleRecords()).isEmpty();
    assertThat(report.orphans()).extracting(Orphan::name, Orphan::deletable).containsExactly(
        org.assertj.core.groups.Tuple.tuple("app-again", false), org.assertj.core.groups.Tuple.tuple("app-busy", true));
    assertThat(report.orphans().get(0).why()).contains("left alone while env-app-again is PROVISIONING");

    SweepDeletion deletion = sweeper.delete(ADMIN, "env-app-busy"::equals);

    assertThat(deletion.deleted()).isEmpty();
    assertThat(deletion.kept()).extracting(Orphan::name).containsExactly("app-again", "app-busy");
    assertThat(deletion.kept().get(1).why()).contains("a workflow of env-app-busy is working on it now");
    assertThat(local.deleted).isEmpty();
  }

  @Test
  void deletesOnlyWhatTheCallerConfirmed() {
    local.hold("app-seen", "app_seen", Mark.ENVFLOW);
    local.hold("app-new", "app_new", Mark.ENVFLOW);
    store.live(spec("dropped"), Phase.ACTIVE, local.resource("app-dropped", "app_dropped"));

    SweepDeletion deletion = sweeper.delete(ADMIN, id -> false, orphan -> orphan.name().equals("app-seen"),
        record -> false);

    assertThat(deletion.deleted()).extracting(Orphan::name).containsExactly("app-seen");
    assertThat(deletion.kept()).singleElement().satisfies(orphan -> assertThat(orphan.why()).contains("not in the list"));
    assertThat(deletion.recordsMarkedDeleted()).isEmpty();
    assertThat(local.holds("app_new")).isTrue();
    assertThat(inventory.liveResources("env-app-dropped")).hasSize(1);
  }

  @Test
  void saysWhereItCouldNotLookWithoutEchoingAPassword() {
    cloud.failure = new IllegalStateException("cannot reach postgresql://admin:s3cr3t-pass@db.example.com:5432/x");
    OrphanFinder fly = OrphanFinder.unsupported("fly", java.util.Set.of(ResourceKind.SECRETS), "fly cannot list");
    store.live(spec("elsewhere"), Phase.ACTIVE, new Resource("REDIS_USER", "redis-cloud", "app-elsewhere", "x", null));
    Sweeper withFly = new Sweeper(inventory, List.of(local, cloud, fly));

    SweepReport report = withFly.sweep();

    assertThat(report.notChecked()).extracting(NotChecked::provider).containsExactly("neon", "fly", "redis-cloud");
    assertThat(report.notChecked().get(0).why()).contains("could not list", "admin:***@db.example.com")
        .doesNotContain("s3cr3t-pass");
    assertThat(report.notChecked().get(1).why()).isEqualTo("fly cannot list");
    assertThat(report.notChecked().get(2).why()).contains("does not serve redis-cloud");
  }

  private ResourceState state(String environmentId, Resource resource) {
    return inventory.findResource(environmentId, resource.kind(), resource.name()).orElseThrow().state();
  }

  /** A spec for app {@code app}: its name is {@code app-{environment}}. */
  private static EnvironmentSpec spec(String environment) {
    return new EnvironmentSpec("app", environment, EnvironmentSpec.NON_PRODUCTION_TIER, "local", "dev@example.com",
        null, null, null, null, null, null);
  }
}
