package dev.envflow.activities.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.SmokeSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSmokeTestActivitiesTest {

  private FakeApp app;
  private final HttpSmokeTestActivities smoke = new HttpSmokeTestActivities(
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), Duration.ofSeconds(2));

  @BeforeEach
  void startApp() throws IOException {
    app = new FakeApp();
  }

  @AfterEach
  void stopApp() {
    app.close();
  }

  private EnvironmentSpec specFor(String baseUrl) {
    return SampleSpecs.withSmoke(SampleSpecs.local("staging"), new SmokeSpec(baseUrl, "synckairos"));
  }

  @Test
  void reportsEveryCheckOfAHealthyApplication() {
    app.healthy("synckairos");

    CheckReport report = smoke.runSmokeTests(specFor(app.baseUrl() + "/"));

    assertThat(report.target()).isEqualTo(app.baseUrl());
    assertThat(report.checks()).containsExactly(
        "GET /health: 200", "GET /ready: 200", "GET /metrics: 200, exposes synckairos_active_sessions");
  }

  @Test
  void aNotReadyApplicationIsRetried() {
    app.healthy("synckairos").answer("/ready", 503, "warming up");

    assertThatThrownBy(() -> smoke.runSmokeTests(specFor(app.baseUrl())))
        .isNotInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("GET /ready answered 503");
  }

  @Test
  void anApplicationThatDoesNotAnswerIsRetried() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> smoke.runSmokeTests(specFor("http://127.0.0.1:" + closedPort)))
        .isNotInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("GET /health did not answer");
  }

  @Test
  void aClientErrorFailsTheSmokeTestNamingTheCheck() {
    app.healthy("synckairos").answer("/health", 404, "no such route");

    assertThatThrownBy(() -> smoke.runSmokeTests(specFor(app.baseUrl())))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.SMOKE_TEST_FAILED.name());
        })
        .hasMessageContaining("GET /health answered 404");
  }

  @Test
  void metricsWithoutActiveSessionsFailTheSmokeTest() {
    app.healthy("synckairos").answer("/metrics", 200,
        "# only a similar name\nsynckairos_active_sessions_total 4\nother_active_sessions 1\n");

    assertThatThrownBy(() -> smoke.runSmokeTests(specFor(app.baseUrl())))
        .isInstanceOfSatisfying(ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(FailureType.SMOKE_TEST_FAILED.name()))
        .hasMessageContaining("does not expose synckairos_active_sessions");
  }

  @Test
  void findsTheMetricWithLabels() {
    assertThat(HttpSmokeTestActivities.exposes("synckairos_active_sessions{region=\"sjc\"} 2\n",
        "synckairos_active_sessions")).isTrue();
  }

  @Test
  void skipsWhenNoBaseUrlIsGiven() {
    CheckReport report = smoke.runSmokeTests(specFor(null));

    assertThat(report.checks()).containsExactly("smoke tests skipped: no smoke.baseUrl");
  }
}
