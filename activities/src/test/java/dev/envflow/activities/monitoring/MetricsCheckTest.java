package dev.envflow.activities.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.fakes.FakeDatadog;
import dev.envflow.activities.fakes.FakePrometheus;
import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.MetricsCheckSpec;
import dev.envflow.workflows.spec.MonitoringSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsCheckTest {

  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  private static EnvironmentSpec spec(String provider, MetricsCheckSpec check) {
    EnvironmentSpec local = SampleSpecs.local("staging");
    return SampleSpecs.withMonitoring(local, new MonitoringSpec(provider, "synckairos", local.monitoring().alerts(),
        local.monitoring().contacts(), check));
  }

  private static long minutesAgo(int minutes) {
    return NOW.minus(Duration.ofMinutes(minutes)).toEpochMilli();
  }

  @Test
  void asksGrafanaCloudsPrometheusWithBasicAuthUntilTheEnvironmentsSamplesArrive() {
    try (FakePrometheus prometheus = new FakePrometheus()) {
      prometheus.samplesFromQuery(3);
      MetricsCheck check = new MetricsCheck(new PrometheusMetricsSource(prometheus.url() + "/api/prom",
          Optional.of(FakePrometheus.USER), Optional.of(FakePrometheus.TOKEN)),
          Duration.ofSeconds(15), clock);
      EnvironmentSpec spec = spec("grafana", new MetricsCheckSpec("synckairos_active_sessions", "PT5M"));

      Readiness first = check.look(spec, minutesAgo(0));
      Readiness second = check.look(spec, minutesAgo(1));
      Readiness third = check.look(spec, minutesAgo(2));

      assertThat(first.ready()).isFalse();
      assertThat(first.pollAfterMillis()).isEqualTo(15_000);
      assertThat(first.detail()).isEqualTo("waiting for a sample of synckairos_active_sessions at Prometheus "
          + prometheus.url() + "/api/prom");
      assertThat(second.ready()).isFalse();
      assertThat(third.ready()).isTrue();
      assertThat(prometheus.queries()).containsOnly("synckairos_active_sessions{env=\"synckairos-staging\"}").hasSize(3);
    }
  }

  @Test
  void pastTheTimeoutItFailsNamingTheMetricTheQueryAndWhereItLookedButNoCredentials() {
    try (FakePrometheus prometheus = new FakePrometheus()) {
      String url = prometheus.url().replace("http://", "http://" + FakePrometheus.USER + ":" + FakePrometheus.TOKEN + "@");
      MetricsCheck check = new MetricsCheck(new PrometheusMetricsSource(url,
          Optional.of(FakePrometheus.USER), Optional.of(FakePrometheus.TOKEN)),
          Duration.ofSeconds(15), clock);

      ApplicationFailure failure = catchThrowableOfType(() ->
          check.look(spec("local", new MetricsCheckSpec("synckairos_active_sessions", "PT5M")), minutesAgo(5)),
          ApplicationFailure.class);

      assertThat(failure.getType()).isEqualTo(FailureType.METRICS_NOT_FLOWING.name());
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage())
          .contains("no sample of synckairos_active_sessions at Prometheus " + prometheus.url(), "after 5m00s",
              "synckairos_active_sessions{env=\"synckairos-staging\"}", "monitoring.metricsCheck.timeout PT5M")
          .doesNotContain(FakePrometheus.TOKEN);
    }
  }

  @Test
  void aPrometheusThatRefusesTheCredentialsFailsAtOnce() {
    try (FakePrometheus prometheus = new FakePrometheus()) {
      MetricsCheck check = new MetricsCheck(new PrometheusMetricsSource(prometheus.url(),
          Optional.empty(), Optional.of("wrong")), Duration.ofSeconds(15), clock);

      ApplicationFailure failure = catchThrowableOfType(() ->
          check.look(spec("local", new MetricsCheckSpec("synckairos_active_sessions", "PT5M")), minutesAgo(0)),
          ApplicationFailure.class);

      assertThat(failure.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
      assertThat(prometheus.requests().get(0).getHeaders().get("Authorization")).isEqualTo("Bearer wrong");
    }
  }

  @Test
  void withoutEnvflowPrometheusUrlTheCheckFailsNamingTheVariable() {
    MetricsCheck check = new MetricsCheck(PrometheusMetricsSource.fromVariables(new ProviderVariables(Map.<String, String>of()::get)));

    ApplicationFailure failure = catchThrowableOfType(() ->
        check.look(spec("grafana", new MetricsCheckSpec("synckairos_active_sessions", "PT5M")), minutesAgo(0)),
        ApplicationFailure.class);

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("ENVFLOW_PROMETHEUS_URL");
  }

  @Test
  void datadogIsAskedForTheMetricSpelledItsWay() {
    try (FakeDatadog datadog = new FakeDatadog()) {
      datadog.samplesFromQuery(2);
      MonitoringProvider provider = MonitoringProviders.configured(new ProviderVariables(Map.of(
              "DD_API_KEY", FakeDatadog.API_KEY, "DD_APP_KEY", FakeDatadog.APP_KEY,
              "ENVFLOW_DATADOG_API_URL", datadog.url())::get), Path.of("unused"), Duration.ofSeconds(20), clock)
          .stream().filter(p -> p.name().equals("datadog")).findFirst().orElseThrow();
      EnvironmentSpec spec = spec("datadog", new MetricsCheckSpec("synckairos_active_sessions", "PT5M"));

      Readiness first = provider.metricsFlowing(spec, minutesAgo(0));
      Readiness second = provider.metricsFlowing(spec, minutesAgo(0));

      assertThat(first.ready()).isFalse();
      assertThat(first.pollAfterMillis()).isEqualTo(20_000);
      assertThat(first.detail()).contains("Datadog " + datadog.url());
      assertThat(second.ready()).isTrue();
      assertThat(datadog.metricQueries()).containsOnly("avg:synckairos.active_sessions{env:synckairos-staging}");
    }
  }

  @Test
  void availabilityNamesWhatEachProviderStillNeeds() {
    var availability = MonitoringProviders.availability(new ProviderVariables(Map.of("GRAFANA_URL", "https://x.grafana.net")::get));

    assertThat(availability).extracting(a -> a.provider() + ": " + (a.available() ? "ok" : a.reason())).containsExactly(
        "local: ok", "grafana: missing GRAFANA_TOKEN", "datadog: missing DD_API_KEY, DD_APP_KEY",
        "metrics-check: missing ENVFLOW_PROMETHEUS_URL");
  }
}
