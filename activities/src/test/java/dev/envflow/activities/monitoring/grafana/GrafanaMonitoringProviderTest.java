package dev.envflow.activities.monitoring.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.fakes.FakeGrafana;
import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.activities.monitoring.GrafanaDashboards;
import dev.envflow.activities.monitoring.MetricsCheck;
import dev.envflow.activities.monitoring.SeedMonitoring;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.AlertsSpec;
import dev.envflow.workflows.spec.ContactsSpec;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.MonitoringSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrafanaMonitoringProviderTest {

  private static final String NAME = "synckairos-staging";
  private static final String FOLDER = "envflow-synckairos-staging";
  private static final String WEBHOOK = "https://hooks.slack.com/services/T000/B000/s3cretHookToken";

  private final FakeGrafana grafana = new FakeGrafana();
  private final String initial = grafana.snapshot();
  private final EnvironmentSpec spec = withMonitoring(SeedMonitoring.SEED_THRESHOLDS,
      new ContactsSpec(List.of("alerts@example.com", "oncall@example.com"), "SLACK_WEBHOOK_URL"));

  @AfterEach
  void stop() {
    grafana.close();
  }

  private static EnvironmentSpec withMonitoring(AlertsSpec alerts, ContactsSpec contacts) {
    return SampleSpecs.withMonitoring(SampleSpecs.local("staging"),
        new MonitoringSpec("grafana", "synckairos", alerts, contacts));
  }

  private GrafanaMonitoringProvider provider(String token) {
    return new GrafanaMonitoringProvider(grafana.url(), token,
        new ProviderVariables(Map.of("SLACK_WEBHOOK_URL", WEBHOOK)::get),
        new MetricsCheck(MetricsCheck.unconfigured("Prometheus", "ENVFLOW_PROMETHEUS_URL")));
  }

  private GrafanaMonitoringProvider provider() {
    return provider(FakeGrafana.TOKEN);
  }

  private List<Resource> createAll(EnvironmentSpec environment) {
    GrafanaMonitoringProvider provider = provider();
    return List.of(provider.createContactPoints(environment), provider.createDashboards(environment),
        provider.createAlertRules(environment));
  }

  @Test
  void createsTheEnvironmentsMonitoringThenARerunChangesNothingAndDeletingLeavesGrafanaAsItWas() {
    List<Resource> resources = createAll(spec);

    assertThat(resources).extracting(Resource::kind).containsExactly("CONTACT_POINTS", "DASHBOARDS", "ALERT_RULES");
    assertThat(resources.get(1).location()).isEqualTo(grafana.url() + "/dashboards/f/" + FOLDER);
    assertThat(grafana.folder(FOLDER).orElseThrow().path("title").asText()).isEqualTo(NAME);
    String created = grafana.snapshot();

    grafana.clearWrites();
    createAll(spec);

    assertThat(grafana.snapshot()).isEqualTo(created);
    assertThat(grafana.writes()).as("a re-run writes only the Slack URL Grafana cannot show back")
        .containsExactly("PUT /api/v1/provisioning/contact-points/synckairos-staging-slack");

    GrafanaMonitoringProvider provider = provider();
    provider.delete(resources.get(2));
    provider.delete(resources.get(1));
    provider.delete(resources.get(0));

    assertThat(grafana.snapshot()).isEqualTo(initial);
  }

  @Test
  void dashboardsLiveInTheEnvironmentsFolderAndQueryThePrometheusDataSourceFoundThroughTheApi() {
    createAll(spec);

    List<GrafanaDashboards.Named> expected =
        GrafanaDashboards.of(new SeedMonitoring(NAME, "synckairos"), FakeGrafana.PROMETHEUS_UID);
    for (GrafanaDashboards.Named named : expected) {
      String uid = named.dashboard().uid();
      JsonNode stored = grafana.dashboard(uid).orElseThrow();
      assertThat(grafana.dashboardFolder(uid).orElseThrow().asText()).isEqualTo(FOLDER);
      assertThat(stored.path("title").asText()).isEqualTo(named.dashboard().title());
      assertThat(stored.findValuesAsText("expr")).containsExactlyElementsOf(named.dashboard().panels().stream()
          .flatMap(p -> p.targets().stream()).map(t -> t.expr()).toList());
      assertThat(stored.findValues("datasource")).allSatisfy(
          datasource -> assertThat(datasource.path("uid").asText()).isEqualTo(FakeGrafana.PROMETHEUS_UID));
    }
    assertThat(expected).extracting(n -> n.dashboard().uid())
        .containsExactly("synckairos-staging-latency", "synckairos-staging-throughput", "synckairos-staging-errors");
  }

  @Test
  void alertRulesCarryTheSpecsThresholdsHoldTimesAndLabelsAndStayEditable() {
    createAll(withMonitoring(new AlertsSpec(75, 0.005, 250), spec.monitoring().contacts()));

    List<JsonNode> rules = SeedMonitoring.ALERT_KEYS.stream()
        .map(key -> grafana.alertRule(NAME + "-" + key).orElseThrow()).toList();
    assertThat(rules).extracting(r -> r.path("for").asText()).containsExactly("5m", "5m", "10m");
    assertThat(rules).extracting(r -> r.path("data").get(2).path("model").path("conditions").get(0)
        .path("evaluator").path("params").get(0).decimalValue().toPlainString())
        .containsExactly("75", "0.005", "250");
    assertThat(rules).extracting(r -> r.path("data").get(0).path("model").path("expr").asText()).containsExactly(
        "histogram_quantile(0.95, sum by (le) (rate(synckairos_switch_cycle_duration_ms_bucket{env=\"synckairos-staging\"}[5m])))",
        "sum(rate(synckairos_http_requests_total{env=\"synckairos-staging\",status_code=~\"5..\"}[5m]))"
            + " / sum(rate(synckairos_http_requests_total{env=\"synckairos-staging\"}[5m]))",
        "synckairos_db_write_queue_size{env=\"synckairos-staging\"}");
    assertThat(rules).allSatisfy(rule -> {
      assertThat(rule.path("folderUID").asText()).isEqualTo(FOLDER);
      assertThat(rule.path("ruleGroup").asText()).isEqualTo(NAME);
      assertThat(rule.path("data").get(0).path("datasourceUid").asText()).isEqualTo(FakeGrafana.PROMETHEUS_UID);
      assertThat(rule.path("labels").path("env").asText()).isEqualTo(NAME);
      assertThat(rule.path("labels").path("managed_by").asText()).isEqualTo("envflow");
      assertThat(rule.path("provenance").asText()).as("editable in the UI").isEmpty();
    });
    assertThat(grafana.requests()).filteredOn(r -> !r.getMethod().equals("GET"))
        .allSatisfy(r -> assertThat(r.getHeaders().get("X-Disable-Provenance")).isEqualTo("true"));
  }

  @Test
  void contactPointsAndTheRouteAreMergedIntoTheTreeWithoutTouchingOtherTeams() {
    JsonNode before = grafana.policyTree();

    createAll(spec);

    JsonNode email = grafana.contactPoint("synckairos-staging-email").orElseThrow();
    assertThat(email.path("name").asText()).isEqualTo(NAME);
    assertThat(email.path("settings").path("addresses").asText()).isEqualTo("alerts@example.com;oncall@example.com");
    JsonNode slack = grafana.contactPoint("synckairos-staging-slack").orElseThrow();
    assertThat(slack.path("settings").path("url").asText()).isEqualTo(WEBHOOK);
    JsonNode tree = grafana.policyTree();
    assertThat(tree.path("receiver")).isEqualTo(before.path("receiver"));
    assertThat(tree.path("routes")).hasSize(2);
    assertThat(tree.path("routes").get(0).path("receiver").asText()).isEqualTo(NAME);
    assertThat(tree.path("routes").get(0).path("object_matchers").toString()).isEqualTo("[[\"env\",\"=\",\"synckairos-staging\"]]");
    assertThat(tree.path("routes").get(1)).isEqualTo(before.path("routes").get(0));
    assertThat(tree.path("provenance").asText()).isEmpty();
  }

  @Test
  void aSpecChangeUpdatesOnlyWhatChangedAndDroppedContactsGoWithTheirRoute() {
    createAll(spec);
    grafana.clearWrites();

    GrafanaMonitoringProvider provider = provider();
    provider.createAlertRules(withMonitoring(new AlertsSpec(50, 0.01, 5000), spec.monitoring().contacts()));
    assertThat(grafana.writes()).containsExactly("PUT /api/v1/provisioning/alert-rules/synckairos-staging-queue-backup");

    grafana.clearWrites();
    provider.createContactPoints(withMonitoring(SeedMonitoring.SEED_THRESHOLDS, new ContactsSpec(List.of(), null)));
    assertThat(grafana.contactPoint("synckairos-staging-email")).isEmpty();
    assertThat(grafana.contactPoint("synckairos-staging-slack")).isEmpty();
    assertThat(grafana.policyTree().path("routes")).hasSize(1);
    assertThat(grafana.writes()).first().isEqualTo("PUT /api/v1/provisioning/policies");
  }

  @Test
  void aDashboardSavedBySomeoneElseMeanwhileIsReadAgainOnTheRetry() {
    createAll(spec);
    EnvironmentSpec renamed = SampleSpecs.withMonitoring(spec, new MonitoringSpec("grafana", "sk",
        SeedMonitoring.SEED_THRESHOLDS, spec.monitoring().contacts()));
    GrafanaMonitoringProvider provider = provider();
    grafana.editWhenEnvflowSavesNext("synckairos-staging-latency");
    ApplicationFailure stale = catchThrowableOfType(() -> provider.createDashboards(renamed), ApplicationFailure.class);
    assertThat(stale.isNonRetryable()).isFalse();
    assertThat(stale.getOriginalMessage()).contains("HTTP 412", "changed by someone else");

    provider.createDashboards(renamed);
    assertThat(grafana.dashboard("synckairos-staging-latency").orElseThrow().findValuesAsText("expr"))
        .hasSize(4).allSatisfy(expr -> assertThat(expr).contains("(rate(sk_"));
  }

  @Test
  void whatHasOurNamesButIsNotOursIsAConflictAndStaysUntouched() {
    grafana.addFolder(FOLDER, "Someone's folder");
    String before = grafana.snapshot();

    assertThatThrownBy(() -> provider().createDashboards(spec)).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
      assertThat(f.getType()).isEqualTo(FailureType.CONFLICT.name());
      assertThat(f.isNonRetryable()).isTrue();
    }).hasMessageContaining("folder " + FOLDER);
    provider().delete(Resource.planned(ResourceKind.DASHBOARDS, "grafana", NAME));
    assertThat(grafana.snapshot()).isEqualTo(before);
  }

  @Test
  void aContactPointOfOurNameMadeByAPersonIsAConflict() {
    GrafanaMonitoringProvider provider = provider();
    provider.createContactPoints(spec);
    provider.delete(Resource.planned(ResourceKind.CONTACT_POINTS, "grafana", NAME));
    grafana.addContactPoint("made-by-hand", NAME);
    String before = grafana.snapshot();

    assertThatThrownBy(() -> provider.createContactPoints(spec)).isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("contact point " + NAME).hasMessageContaining("not created by envflow");
    provider.delete(Resource.planned(ResourceKind.CONTACT_POINTS, "grafana", NAME));
    assertThat(grafana.snapshot()).isEqualTo(before);
  }

  @Test
  void rollingBackWhatWasNeverCreatedSucceedsAndTouchesNothing() {
    GrafanaMonitoringProvider provider = provider();
    for (ResourceKind kind : List.of(ResourceKind.ALERT_RULES, ResourceKind.DASHBOARDS, ResourceKind.CONTACT_POINTS)) {
      provider.delete(Resource.planned(kind, "grafana", NAME));
    }
    assertThat(grafana.snapshot()).isEqualTo(initial);
    assertThat(grafana.writes()).isEmpty();
  }

  @Test
  void badCredentialsFailAtOnceWithoutShowingTheToken() {
    ApplicationFailure failure = catchThrowableOfType(() -> provider("glsa_wrong_token").createDashboards(spec),
        ApplicationFailure.class);

    assertThat(failure.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("grafana", "HTTP 401").doesNotContain("glsa_");
  }

  @Test
  void rateLimitsAndOutagesAreRetriedAfterTheSuggestedDelay() {
    grafana.failNext("GET", "/api/datasources", 1, 429, "{\"message\":\"too many requests\"}", Map.of("Retry-After", "7"));
    // a GET is asked three times within an attempt (ProviderHttpClient.READ_ATTEMPTS): the attempt fails only then
    grafana.failNext("GET", "/api/v1/provisioning/alert-rules", 3, 503, "{\"message\":\"unavailable\"}", Map.of());
    GrafanaMonitoringProvider provider = provider();

    ApplicationFailure limited = catchThrowableOfType(() -> provider.createDashboards(spec), ApplicationFailure.class);
    assertThat(limited.isNonRetryable()).isFalse();
    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    provider.createDashboards(spec);
    ApplicationFailure down = catchThrowableOfType(() -> provider.createAlertRules(spec), ApplicationFailure.class);
    assertThat(down.isNonRetryable()).isFalse();
    assertThat(down.getOriginalMessage()).contains("HTTP 503");
    provider.createAlertRules(spec);
    assertThat(grafana.alertRule("synckairos-staging-high-latency")).isPresent();
  }

  @Test
  void aPolicyTreeChangedMeanwhileIsMergedAgainOnTheRetry() {
    grafana.failNext("PUT", "/api/v1/provisioning/policies", 1, 409, "{\"message\":\"policy tree changed\"}", Map.of());
    GrafanaMonitoringProvider provider = provider();

    ApplicationFailure changed = catchThrowableOfType(() -> provider.createContactPoints(spec), ApplicationFailure.class);
    assertThat(changed.isNonRetryable()).isFalse();
    provider.createContactPoints(spec);
    assertThat(grafana.policyTree().path("routes")).hasSize(2);
  }

  @Test
  void aSlackSecretTheWorkerDoesNotHaveIsRefusedBeforeAnythingIsWritten() {
    GrafanaMonitoringProvider provider = new GrafanaMonitoringProvider(grafana.url(), FakeGrafana.TOKEN,
        new ProviderVariables(Map.<String, String>of()::get), new MetricsCheck(MetricsCheck.unconfigured("x", "Y")));

    assertThatThrownBy(() -> provider.createContactPoints(spec)).isInstanceOfSatisfying(ApplicationFailure.class,
        f -> assertThat(f.getType()).isEqualTo(FailureType.INVALID_SPEC.name()))
        .hasMessageContaining("SLACK_WEBHOOK_URL, which is not set on this worker");
    assertThat(grafana.writes()).isEmpty();
  }

  @Test
  void noResourceOrRequestLineCarriesASecret() {
    List<Resource> resources = createAll(spec);

    assertThat(resources.toString()).doesNotContain("s3cretHookToken", FakeGrafana.TOKEN);
    List<String> urls = new ArrayList<>();
    for (RecordedRequest request : grafana.requests()) {
      urls.add(request.getUrl().toString());
    }
    assertThat(urls).allSatisfy(url -> assertThat(url).doesNotContain("s3cretHookToken", FakeGrafana.TOKEN));
  }

  @Test
  void aRefusalThatEchoesTheWebhookUrlDoesNotCarryItFurther() {
    grafana.failNext("POST", "/api/v1/provisioning/contact-points", 2, 400,
        "{\"message\":\"invalid slack settings: url " + WEBHOOK + " is not reachable\"}", Map.of());

    ApplicationFailure failure = catchThrowableOfType(() -> provider().createContactPoints(spec), ApplicationFailure.class);

    assertThat(failure.getType()).isEqualTo(FailureType.REQUEST_REJECTED.name());
    assertThat(failure.getOriginalMessage()).contains("the webhook URL in SLACK_WEBHOOK_URL is not reachable")
        .doesNotContain("s3cretHookToken");
  }
}
