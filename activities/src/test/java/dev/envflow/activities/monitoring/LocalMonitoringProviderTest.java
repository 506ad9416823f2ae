package dev.envflow.activities.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.AlertsSpec;
import dev.envflow.workflows.spec.ContactsSpec;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.MonitoringSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMonitoringProviderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path state;

  private final EnvironmentSpec spec = SampleSpecs.local("staging");

  private LocalMonitoringProvider monitoring() {
    return new LocalMonitoringProvider(state);
  }

  @Test
  void contactPointsHaveAnEmailReceiverAndASlackReceiverReadingTheSecretFromTheEnvironment() throws IOException {
    Resource resource = monitoring().createContactPoints(spec);

    assertThat(resource).isEqualTo(new Resource("CONTACT_POINTS", "local", "synckairos-staging",
        "synckairos-staging", "monitoring/synckairos-staging/contact-points.yaml"));
    JsonNode file = YAML.readTree(state.resolve(resource.location()).toFile());
    assertThat(file.path("apiVersion").asInt()).isEqualTo(1);
    JsonNode contactPoint = file.path("contactPoints").get(0);
    assertThat(contactPoint.path("orgId").asInt()).isEqualTo(1);
    assertThat(contactPoint.path("name").asText()).isEqualTo("synckairos-staging");
    JsonNode email = contactPoint.path("receivers").get(0);
    assertThat(email.path("type").asText()).isEqualTo("email");
    assertThat(email.path("uid").asText()).isEqualTo("synckairos-staging-email");
    assertThat(email.path("settings").path("addresses").asText()).isEqualTo("alerts@example.com;oncall@example.com");
    JsonNode slack = contactPoint.path("receivers").get(1);
    assertThat(slack.path("type").asText()).isEqualTo("slack");
    assertThat(slack.path("settings").path("url").asText()).isEqualTo("$__env{SLACK_WEBHOOK_URL}");
  }

  @Test
  void contactPointsOnlyListTheReceiversConfigured() throws IOException {
    EnvironmentSpec emailOnly = SampleSpecs.withMonitoring(spec,
        SampleSpecs.monitoring("synckairos", new ContactsSpec(List.of("alerts@example.com"), null)));

    Resource resource = monitoring().createContactPoints(emailOnly);

    JsonNode receivers = YAML.readTree(state.resolve(resource.location()).toFile())
        .path("contactPoints").get(0).path("receivers");
    assertThat(receivers).hasSize(1);
    assertThat(receivers.get(0).path("type").asText()).isEqualTo("email");
  }

  @Test
  void refusesAWebhookUrlWhereASecretNameBelongsAndWritesNothing() {
    String webhook = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
    EnvironmentSpec leaky = SampleSpecs.withMonitoring(spec,
        SampleSpecs.monitoring("synckairos", new ContactsSpec(List.of(), webhook)));

    assertThatThrownBy(() -> monitoring().createContactPoints(leaky))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(FailureType.INVALID_SPEC.name());
          assertThat(failure.isNonRetryable()).isTrue();
        })
        .message().doesNotContain(webhook).contains("slackWebhookSecret");
    assertThat(state.resolve("monitoring/synckairos-staging/contact-points.yaml")).doesNotExist();
  }

  @Test
  void latencyDashboardHasTheSeedQuantilesAndRouteLatency() throws IOException {
    Resource resource = monitoring().createDashboards(spec);

    assertThat(resource.kind()).isEqualTo("DASHBOARDS");
    assertThat(resource.location()).isEqualTo("monitoring/synckairos-staging/dashboards");
    JsonNode latency = JSON.readTree(state.resolve(resource.location()).resolve("latency.json").toFile());
    assertThat(latency.path("uid").asText()).isEqualTo("synckairos-staging-latency");
    assertThat(latency.path("title").asText()).isEqualTo("synckairos-staging - Latency");
    JsonNode switchCycle = latency.path("panels").get(0);
    assertThat(switchCycle.path("title").asText()).isEqualTo("switchCycle() Latency");
    assertThat(switchCycle.path("fieldConfig").path("defaults").path("unit").asText()).isEqualTo("ms");
    assertThat(exprs(switchCycle)).containsExactly(
        "histogram_quantile(0.50, sum by (le) (rate(synckairos_switch_cycle_duration_ms_bucket{env=\"synckairos-staging\"}[5m])))",
        "histogram_quantile(0.95, sum by (le) (rate(synckairos_switch_cycle_duration_ms_bucket{env=\"synckairos-staging\"}[5m])))",
        "histogram_quantile(0.99, sum by (le) (rate(synckairos_switch_cycle_duration_ms_bucket{env=\"synckairos-staging\"}[5m])))");
    assertThat(switchCycle.path("targets")).extracting(t -> t.path("legendFormat").asText())
        .containsExactly("p50", "p95", "p99");
    JsonNode routes = latency.path("panels").get(1);
    assertThat(exprs(routes)).containsExactly(
        "histogram_quantile(0.95, sum by (le, route) (rate(synckairos_http_request_duration_ms_bucket{env=\"synckairos-staging\"}[5m])))");
    assertThat(routes.path("targets").get(0).path("legendFormat").asText()).isEqualTo("{{route}} p95");
  }

  @Test
  void throughputAndErrorDashboardsHaveTheSeedPanelsLaidOutWithoutOverlap() throws IOException {
    Path dashboards = state.resolve(monitoring().createDashboards(spec).location());

    JsonNode throughput = JSON.readTree(dashboards.resolve("throughput.json").toFile());
    JsonNode errors = JSON.readTree(dashboards.resolve("errors.json").toFile());

    assertThat(titles(throughput)).containsExactly(
        "Active Sessions", "Requests per Second", "WebSocket Connections", "DB Write Queue Depth");
    assertThat(titles(errors)).containsExactly("HTTP Errors by Status Code", "Error Rate", "Failed DB Writes");
    assertThat(exprs(throughput.path("panels").get(0))).containsExactly("sum(synckairos_active_sessions{env=\"synckairos-staging\"})");
    assertThat(exprs(throughput.path("panels").get(1))).containsExactly("sum(rate(synckairos_http_requests_total{env=\"synckairos-staging\"}[5m]))");
    assertThat(exprs(errors.path("panels").get(1))).containsExactly(
        "100 * sum(rate(synckairos_http_requests_total{env=\"synckairos-staging\",status_code=~\"5..\"}[5m]))"
            + " / sum(rate(synckairos_http_requests_total{env=\"synckairos-staging\"}[5m]))");
    assertThat(errors.path("panels").get(1).path("fieldConfig").path("defaults").path("unit").asText())
        .isEqualTo("percent");
    for (JsonNode dashboard : List.of(throughput, errors)) {
      List<String> cells = new ArrayList<>();
      for (JsonNode panel : dashboard.path("panels")) {
        JsonNode grid = panel.path("gridPos");
        assertThat(grid.path("w").asInt()).isPositive();
        assertThat(grid.path("h").asInt()).isPositive();
        cells.add(grid.path("x").asInt() + "," + grid.path("y").asInt());
        assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("prometheus");
      }
      assertThat(cells).doesNotHaveDuplicates();
    }
  }

  @Test
  void everyDashboardQueryIsWellFormedPromQlOnThePrefixedMetrics() throws IOException {
    Path dashboards = state.resolve(monitoring().createDashboards(spec).location());

    for (String file : List.of("latency.json", "throughput.json", "errors.json")) {
      for (JsonNode panel : JSON.readTree(dashboards.resolve(file).toFile()).path("panels")) {
        exprs(panel).forEach(expr -> PromQlShape.assertWellFormed(expr, "synckairos"));
      }
    }
  }

  @Test
  void dashboardProviderPointsGrafanaAtTheDashboardsFolder() throws IOException {
    Path dashboards = state.resolve(
        new LocalMonitoringProvider(state, new LocalMonitoringSettings("/grafana/envflow", "prom"))
            .createDashboards(spec).location());

    JsonNode provider = YAML.readTree(dashboards.resolve("dashboards.yaml").toFile());
    assertThat(provider.path("apiVersion").asInt()).isEqualTo(1);
    JsonNode first = provider.path("providers").get(0);
    assertThat(first.path("type").asText()).isEqualTo("file");
    assertThat(first.path("folder").asText()).isEqualTo("synckairos-staging");
    assertThat(first.path("options").path("path").asText()).isEqualTo("/grafana/envflow/synckairos-staging/dashboards");
    assertThat(JSON.readTree(dashboards.resolve("latency.json").toFile())
        .path("panels").get(0).path("datasource").path("uid").asText()).isEqualTo("prom");
  }

  @Test
  void longEnvironmentNamesStillGetGrafanaSizedDistinctUids() {
    String latency = GrafanaDashboards.uid("a-very-long-application-name-for-testing-production", "latency");
    String errors = GrafanaDashboards.uid("a-very-long-application-name-for-testing-production", "errors");

    assertThat(latency).hasSizeLessThanOrEqualTo(GrafanaDashboards.MAX_UID_LENGTH).isNotEqualTo(errors);
    assertThat(GrafanaDashboards.uid("a-very-long-application-name-for-testing-production", "latency"))
        .isEqualTo(latency);
  }

  @Test
  void alertRulesUseTheSpecThresholdsAndHoldTimes() throws IOException {
    EnvironmentSpec strict = SampleSpecs.withMonitoring(spec, new MonitoringSpec("local", "synckairos",
        new AlertsSpec(75, 0.005, 250), spec.monitoring().contacts()));

    Resource resource = monitoring().createAlertRules(strict);

    assertThat(resource.location()).isEqualTo("monitoring/synckairos-staging/alert-rules.yaml");
    JsonNode group = YAML.readTree(state.resolve(resource.location()).toFile()).path("groups").get(0);
    assertThat(group.path("name").asText()).isEqualTo("synckairos-staging");
    JsonNode rules = group.path("rules");
    assertThat(rules).extracting(r -> r.path("alert").asText())
        .containsExactly("HighSwitchCycleLatency", "HighErrorRate", "DbWriteQueueBackup");
    assertThat(rules).extracting(r -> r.path("expr").asText()).containsExactly(
        "histogram_quantile(0.95, sum by (le) (rate(synckairos_switch_cycle_duration_ms_bucket{env=\"synckairos-staging\"}[5m]))) > 75",
        "sum(rate(synckairos_http_requests_total{env=\"synckairos-staging\",status_code=~\"5..\"}[5m]))"
            + " / sum(rate(synckairos_http_requests_total{env=\"synckairos-staging\"}[5m])) > 0.005",
        "synckairos_db_write_queue_size{env=\"synckairos-staging\"} > 250");
    assertThat(rules).extracting(r -> r.path("for").asText()).containsExactly("5m", "5m", "10m");
    assertThat(rules).allSatisfy(rule -> {
      assertThat(rule.path("labels").path("severity").asText()).isIn("warning", "critical");
      assertThat(rule.path("labels").path("env").asText()).isEqualTo("synckairos-staging");
      assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
      PromQlShape.assertWellFormed(rule.path("expr").asText(), "synckairos");
    });
    assertThat(rules.get(1).path("annotations").path("description").asText()).contains("0.5%");
  }

  @Test
  void refusesAMetricPrefixThatWouldChangeTheQueries() {
    EnvironmentSpec injected = SampleSpecs.withMonitoring(spec,
        SampleSpecs.monitoring("x) or vector(1", spec.monitoring().contacts()));

    assertThatThrownBy(() -> monitoring().createAlertRules(injected))
        .isInstanceOfSatisfying(ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(FailureType.INVALID_SPEC.name()))
        .hasMessageContaining("monitoring.metricPrefix");
  }

  @Test
  void rerunningReplacesItsOwnFilesAndLeavesNoTemporaryFiles() throws IOException {
    LocalMonitoringProvider monitoring = monitoring();
    monitoring.createAlertRules(spec);
    monitoring.createDashboards(spec);
    EnvironmentSpec changed = SampleSpecs.withMonitoring(spec, new MonitoringSpec("local", "synckairos",
        new AlertsSpec(50, 0.01, 5000), spec.monitoring().contacts()));

    Resource again = monitoring.createAlertRules(changed);
    monitoring.createDashboards(changed);

    JsonNode rules = YAML.readTree(state.resolve(again.location()).toFile()).path("groups").get(0).path("rules");
    assertThat(rules.get(2).path("expr").asText()).isEqualTo("synckairos_db_write_queue_size{env=\"synckairos-staging\"} > 5000");
    assertThat(Files.readString(state.resolve(again.location()))).doesNotContain("> 1000");
    try (Stream<Path> files = Files.walk(state)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> state.relativize(p).toString())).containsExactlyInAnyOrder(
          "monitoring/synckairos-staging/alert-rules.yaml",
          "monitoring/synckairos-staging/dashboards/latency.json",
          "monitoring/synckairos-staging/dashboards/throughput.json",
          "monitoring/synckairos-staging/dashboards/errors.json",
          "monitoring/synckairos-staging/dashboards/dashboards.yaml");
    }
  }

  @Test
  void deletingRemovesEachResourceAndThenTheEnvironmentFolderAndToleratesWhatIsGone() {
    LocalMonitoringProvider monitoring = monitoring();
    Resource contactPoints = monitoring.createContactPoints(spec);
    Resource dashboards = monitoring.createDashboards(spec);
    Resource alertRules = monitoring.createAlertRules(spec);

    monitoring.delete(alertRules);
    assertThat(state.resolve(alertRules.location())).doesNotExist();
    assertThat(state.resolve(contactPoints.location())).exists();

    monitoring.delete(dashboards);
    monitoring.delete(contactPoints);
    monitoring.delete(contactPoints);
    monitoring.delete(Resource.planned(ResourceKind.ALERT_RULES, "local", "synckairos-never"));

    assertThat(state.resolve("monitoring/synckairos-staging")).doesNotExist();
  }

  @Test
  void refusesToDeleteSomethingThatIsNotMonitoring() {
    assertThatThrownBy(() -> monitoring().delete(
        Resource.planned(ResourceKind.POSTGRES_DATABASE, "local", "synckairos-staging")))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("not a monitoring resource");
  }

  @Test
  void refusesANameThatWouldLeaveTheStateDirectory() {
    assertThatThrownBy(() -> monitoring().delete(
        Resource.planned(ResourceKind.DASHBOARDS, "local", "../../etc")))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("cannot be used as a directory name");
  }

  private static List<String> exprs(JsonNode panel) {
    List<String> exprs = new ArrayList<>();
    panel.path("targets").forEach(target -> exprs.add(target.path("expr").asText()));
    return exprs;
  }

  private static List<String> titles(JsonNode dashboard) {
    List<String> titles = new ArrayList<>();
    dashboard.path("panels").forEach(panel -> titles.add(panel.path("title").asText()));
    return titles;
  }
}
