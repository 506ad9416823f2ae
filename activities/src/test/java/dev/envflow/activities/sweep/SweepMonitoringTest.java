package dev.envflow.activities.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.fakes.FakeDatadog;
import dev.envflow.activities.fakes.FakeGrafana;
import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.activities.monitoring.MonitoringProvider;
import dev.envflow.activities.monitoring.MonitoringProviders;
import dev.envflow.activities.monitoring.SeedMonitoring;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.ContactsSpec;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.MonitoringSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep against the Grafana and Datadog fakes: a torn-down environment's monitoring left behind is found by
 * envflow's labels, tags and markers and deleted, leaving the account exactly as the live environment and other
 * people's things left it.
 */
class SweepMonitoringTest {

  private static final String WEBHOOK = "https://hooks.slack.com/services/T000/B000/s3cretHookToken";

  private SweepInventory store;

  @BeforeEach
  void setUp() {
    store = new SweepInventory();
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void grafanaMonitoringOfATornDownEnvironmentIsFoundAndDeletedAndNothingElse() {
    try (FakeGrafana grafana = new FakeGrafana()) {
      grafana.addContactPoint("someone-else", "sweepmon-other");
      Map<String, String> variables = Map.of("GRAFANA_URL", grafana.url(), "GRAFANA_TOKEN", FakeGrafana.TOKEN,
          "SLACK_WEBHOOK_URL", WEBHOOK);
      sweepsWhatWasLeftBehind(provider(variables, "grafana"), grafana::snapshot, "envflow-sweepmon-gone");
    }
  }

  @Test
  void datadogMonitoringOfATornDownEnvironmentIsFoundAndDeletedAndNothingElse() {
    try (FakeDatadog datadog = new FakeDatadog()) {
      Map<String, String> variables = Map.of("DD_API_KEY", FakeDatadog.API_KEY, "DD_APP_KEY", FakeDatadog.APP_KEY,
          "ENVFLOW_DATADOG_API_URL", datadog.url(), "SLACK_WEBHOOK_URL", WEBHOOK);
      sweepsWhatWasLeftBehind(provider(variables, "datadog"), datadog::snapshot, "sweepmon-gone");
    }
  }

  private void sweepsWhatWasLeftBehind(MonitoringProvider provider, java.util.function.Supplier<String> account,
      String dashboardsId) {
    EnvironmentSpec live = spec("live", provider.name());
    for (Resource resource : createAll(provider, live)) {
      store.live(live, Phase.ACTIVE, resource);
    }
    EnvironmentSpec other = spec("other", provider.name());
    store.live(other, Phase.ACTIVE, new Resource("CONTACT_POINTS", "local", other.name(), other.name(), null));
    String before = account.get();
    EnvironmentSpec gone = spec("gone", provider.name());
    createAll(provider, gone).forEach(resource -> store.deleted(gone, resource));
    Sweeper sweeper = new Sweeper(store.inventory, List.of(provider.orphanFinder()));

    SweepReport report = sweeper.sweep();

    assertThat(report.orphans()).extracting(Orphan::kind, Orphan::name, Orphan::deletable).containsExactlyInAnyOrder(
        tuple("ALERT_RULES", gone.name(), true), tuple("CONTACT_POINTS", gone.name(), true),
        tuple("DASHBOARDS", gone.name(), true));
    assertThat(report.orphans()).filteredOn(orphan -> orphan.kind().equals("DASHBOARDS"))
        .extracting(Orphan::externalId).containsExactly(dashboardsId);
    assertThat(report.staleRecords()).isEmpty();

    SweepDeletion deletion = sweeper.delete("root@example.com", id -> false);

    assertThat(deletion.deleted()).hasSize(3);
    assertThat(deletion.failed()).isEmpty();
    assertThat(account.get()).isEqualTo(before);
    assertThat(sweeper.sweep().orphans()).isEmpty();
  }

  private static List<Resource> createAll(MonitoringProvider provider, EnvironmentSpec spec) {
    return List.of(provider.createContactPoints(spec), provider.createDashboards(spec), provider.createAlertRules(spec));
  }

  private static MonitoringProvider provider(Map<String, String> variables, String name) {
    Map<String, String> all = new HashMap<>(variables);
    return MonitoringProviders.configured(new ProviderVariables(all::get), Path.of("unused"), Duration.ofSeconds(15),
        Clock.systemUTC()).stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  private static EnvironmentSpec spec(String environment, String provider) {
    EnvironmentSpec local = SampleSpecs.local(environment);
    EnvironmentSpec named = new EnvironmentSpec("sweepmon", environment, local.tier(), local.region(),
        local.requestedBy(), local.redis(), local.postgres(), local.monitoring(), local.paas(), local.smoke(),
        local.approval());
    return SampleSpecs.withMonitoring(named, new MonitoringSpec(provider, "synckairos", SeedMonitoring.SEED_THRESHOLDS,
        new ContactsSpec(List.of("alerts@example.com"), "SLACK_WEBHOOK_URL")));
  }
}
