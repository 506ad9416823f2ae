package dev.envflow.activities.monitoring.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.fakes.FakeDatadog;
import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.activities.monitoring.MonitoringProvider;
import dev.envflow.activities.monitoring.MonitoringProviders;
import dev.envflow.activities.monitoring.SeedMonitoring;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.AlertsSpec;
import dev.envflow.workflows.spec.ContactsSpec;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.MonitoringSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DatadogMonitoringProviderTest {

  private static final String NAME = "synckairos-staging";
  private static final String WEBHOOK = "https://hooks.slack.com/services/T000/B000/s3cretHookToken";

  private final FakeDatadog datadog = new FakeDatadog();
  private final String initial = datadog.snapshot();
  private final EnvironmentSpec spec = withMonitoring(SeedMonitoring.SEED_THRESHOLDS,
      new ContactsSpec(List.of("alerts@example.com"), "SLACK_WEBHOOK_URL"));

  @AfterEach
  void stop() {
    datadog.close();
  }

  private static EnvironmentSpec withMonitoring(AlertsSpec alerts, ContactsSpec contacts) {
    return SampleSpecs.withMonitoring(SampleSpecs.local("staging"),
        new MonitoringSpec("datadog", "synckairos", alerts, contacts));
  }

  private MonitoringProvider provider(String apiKey) {
    Map<String, String> variables = new HashMap<>(Map.of("DD_API_KEY", apiKey, "DD_APP_KEY", FakeDatadog.APP_KEY,
        "ENVFLOW_DATADOG_API_URL", datadog.url(), "SLACK_WEBHOOK_URL", WEBHOOK));
    return MonitoringProviders.configured(new ProviderVariables(variables::get), Path.of("unused"),
            Duration.ofSeconds(15), Clock.systemUTC()).stream()
        .filter(p -> p.name().equals("datadog")).findFirst().orElseThrow();
  }

  private MonitoringProvider provider() {
    return provider(FakeDatadog.API_KEY);
  }

  private List<Resource> createAll(EnvironmentSpec environment) {
    MonitoringProvider provider = provider();
    return List.of(provider.createContactPoints(environment), provider.createDashboards(environment),
        provider.createAlertRules(environment));
  }

  @Test
  void createsDashboardsMonitorsAndTheSlackWebhookThenARerunChangesNothingAndDeletingRestoresTheAccount() {
    List<Resource> resources = createAll(spec);

    assertThat(datadog.dashboards()).hasSize(4);
    assertThat(datadog.monitors()).hasSize(4);
    assertThat(datadog.webhook("envflow-synckairos-staging-slack")).isPresent();
    assertThat(resources.get(1).location()).startsWith("https://app.datadoghq.com/dashboard/");
    String created = datadog.snapshot();

    datadog.clearWrites();
    createAll(spec);
    assertThat(datadog.writes()).isEmpty();
    assertThat(datadog.snapshot()).isEqualTo(created);

    MonitoringProvider provider = provider();
    provider.delete(resources.get(2));
    provider.delete(resources.get(1));
    provider.delete(resources.get(0));
    assertThat(datadog.snapshot()).isEqualTo(initial);
  }

  @Test
  void dashboardsHaveTheSeedsPanelsInDatadogsQueryLanguage() {
    createAll(spec);

    JsonNode latency = datadog.dashboards().stream()
        .filter(d -> d.path("title").asText().equals("synckairos-staging - Latency")).findFirst().orElseThrow();
    assertThat(latency.path("layout_type").asText()).isEqualTo("ordered");
    assertThat(latency.path("description").asText()).contains("[envflow:synckairos-staging]");
    assertThat(latency.findValuesAsText("q")).containsExactly(
        "p50:synckairos.switch_cycle_duration_ms{env:synckairos-staging}",
        "p95:synckairos.switch_cycle_duration_ms{env:synckairos-staging}",
        "p99:synckairos.switch_cycle_duration_ms{env:synckairos-staging}",
        "p95:synckairos.http_request_duration_ms{env:synckairos-staging} by {route}");
    assertThat(datadog.dashboards()).extracting(d -> d.path("title").asText()).contains(
        "synckairos-staging - Throughput", "synckairos-staging - Errors", "Payments");
    JsonNode errors = datadog.dashboards().stream()
        .filter(d -> d.path("title").asText().equals("synckairos-staging - Errors")).findFirst().orElseThrow();
    assertThat(errors.path("widgets")).extracting(w -> w.path("definition").path("title").asText())
        .containsExactly("HTTP Errors by Status Code", "Error Rate", "Failed DB Writes");
  }

  @Test
  void monitorsHaveTheSpecsThresholdsTheEnvironmentsTagsAndTheContactHandles() {
    createAll(withMonitoring(new AlertsSpec(75, 0.005, 250), spec.monitoring().contacts()));

    List<JsonNode> ours = datadog.monitors().stream()
        .filter(m -> m.path("name").asText().startsWith("[synckairos-staging]")).toList();
    assertThat(ours).extracting(m -> m.path("query").asText()).containsExactlyInAnyOrder(
        "percentile(last_5m):p95:synckairos.switch_cycle_duration_ms{env:synckairos-staging} > 75",
        "sum(last_5m):sum:synckairos.http_requests.count{env:synckairos-staging,status_code:5*}.as_count()"
            + " / sum:synckairos.http_requests.count{env:synckairos-staging}.as_count() > 0.005",
        "min(last_10m):max:synckairos.db_write_queue_size{env:synckairos-staging} > 250");
    assertThat(ours).extracting(m -> m.path("options").path("thresholds").path("critical").decimalValue().toPlainString())
        .containsExactlyInAnyOrder("75", "0.005", "250");
    assertThat(ours).allSatisfy(monitor -> {
      assertThat(monitor.path("type").asText()).isEqualTo("query alert");
      assertThat(monitor.path("tags").toString()).contains("managed-by:envflow", "env:synckairos-staging");
      assertThat(monitor.path("message").asText())
          .contains("@alerts@example.com", "@webhook-envflow-synckairos-staging-slack").doesNotContain("s3cret");
    });
    JsonNode webhook = datadog.webhook("envflow-synckairos-staging-slack").orElseThrow();
    assertThat(webhook.path("url").asText()).isEqualTo(WEBHOOK);
    assertThat(webhook.path("payload").asText()).contains("$EVENT_TITLE");
  }

  @Test
  void aChangedThresholdUpdatesOnlyItsMonitor() {
    createAll(spec);
    datadog.clearWrites();

    provider().createAlertRules(withMonitoring(new AlertsSpec(50, 0.02, 1000), spec.monitoring().contacts()));

    assertThat(datadog.writes()).singleElement().satisfies(write -> assertThat(write).startsWith("PUT /api/v1/monitor/"));
  }

  @Test
  void aRateLimitIsRetriedAfterXRateLimitReset() {
    datadog.rateLimitNext("POST", "/api/v1/monitor", 1, 17);
    MonitoringProvider provider = provider();

    ApplicationFailure limited = catchThrowableOfType(() -> provider.createAlertRules(spec), ApplicationFailure.class);

    assertThat(limited.isNonRetryable()).isFalse();
    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(17));
    assertThat(limited.getOriginalMessage()).contains("datadog: create monitor", "HTTP 429", "Rate limit");
    provider.createAlertRules(spec);
    assertThat(datadog.monitors()).hasSize(4);
  }

  @Test
  void aMonitorOrDashboardOfOurNameThatIsNotOursIsAConflictAndStaysUntouched() {
    MonitoringProvider provider = provider();
    provider.createAlertRules(spec);
    provider.delete(Resource.planned(ResourceKind.ALERT_RULES, "datadog", NAME));
    datadog.addMonitor("[synckairos-staging] High error rate", List.of("team:web"));
    datadog.addDashboard("synckairos-staging - Latency", "made by hand");
    String before = datadog.snapshot();

    assertThatThrownBy(() -> provider.createAlertRules(spec)).isInstanceOfSatisfying(ApplicationFailure.class,
        f -> assertThat(f.getType()).isEqualTo(FailureType.CONFLICT.name())).hasMessageContaining("High error rate");
    assertThatThrownBy(() -> provider.createDashboards(spec)).isInstanceOfSatisfying(ApplicationFailure.class,
        f -> assertThat(f.getType()).isEqualTo(FailureType.CONFLICT.name())).hasMessageContaining("Latency");
    provider.delete(Resource.planned(ResourceKind.ALERT_RULES, "datadog", NAME));
    provider.delete(Resource.planned(ResourceKind.DASHBOARDS, "datadog", NAME));
    assertThat(datadog.snapshot()).isEqualTo(before);
  }

  @Test
  void findsItsDashboardsPastTheFirstPage() {
    createAll(spec);
    datadog.addDashboards(150);
    String before = datadog.snapshot();
    datadog.clearWrites();

    provider().createDashboards(spec);

    assertThat(datadog.writes()).isEmpty();
    assertThat(datadog.snapshot()).isEqualTo(before);
  }

  @Test
  void wrongKeysFailAtOnceWithoutShowingThem() {
    ApplicationFailure failure = catchThrowableOfType(() -> provider("wrong-key").createDashboards(spec),
        ApplicationFailure.class);

    assertThat(failure.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
    assertThat(failure.getOriginalMessage()).contains("HTTP 403").doesNotContain("wrong-key", FakeDatadog.APP_KEY);
  }

  @Test
  void withoutSlackTheWebhookIsRemovedAndMonitorsNameOnlyTheEmails() {
    createAll(spec);
    EnvironmentSpec emailOnly = withMonitoring(SeedMonitoring.SEED_THRESHOLDS,
        new ContactsSpec(List.of("alerts@example.com"), null));

    createAll(emailOnly);

    assertThat(datadog.webhook("envflow-synckairos-staging-slack")).isEmpty();
    assertThat(datadog.monitors()).filteredOn(m -> m.path("name").asText().startsWith("[synckairos-staging]"))
        .allSatisfy(m -> assertThat(m.path("message").asText()).contains("@alerts@example.com").doesNotContain("@webhook"));
  }
}
