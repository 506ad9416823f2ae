package dev.envflow.activities.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.activities.paas.Heartbeat;
import dev.envflow.activities.testing.SynckairosTestApp;
import dev.envflow.workflows.activities.SmokeTestActivities;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.spec.LoadSpec;
import dev.envflow.workflows.spec.SmokeSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounded load step against the synckairos stand-in (its /health needs no database). */
class LoadRunnerTest {

  private final SynckairosTestApp app = SynckairosTestApp.start("synckairos");

  @AfterEach
  void stopApp() {
    app.close();
  }

  @Test
  void neverRunsPastItsDurationEvenWhenNothingAnswers() {
    app.slow("/health", Duration.ofSeconds(5));
    long started = System.nanoTime();

    LoadReport report = new LoadRunner(50, Duration.ofSeconds(10))
        .run(app.baseUrl(), new LoadSpec("/health", 20, "PT1S", 200, 0.01), Heartbeat.none());

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isLessThan(Duration.ofMillis(1600));
    assertThat(report.elapsed()).isLessThan(Duration.ofMillis(1600));
    assertThat(report.sent()).isBetween(15, 22);
    assertThat(report.cutOff()).isEqualTo(report.sent());
    assertThat(report.answered()).isZero();
    assertThat(report.exceeded()).contains("no request was answered");
  }

  @Test
  void reportsPlausibleFiguresForAHealthyApp() {
    LoadReport report = new LoadRunner().run(app.baseUrl(), new LoadSpec("/health", 50, "PT2S", 200, 0.01), Heartbeat.none());

    assertThat(report.sent()).isBetween(90, 102);
    assertThat(report.succeeded()).isEqualTo(report.sent() - report.cutOff());
    assertThat(report.failed()).isZero();
    assertThat(report.notSent()).isZero();
    assertThat(report.p50Ms()).isPositive().isLessThanOrEqualTo(report.p95Ms());
    assertThat(report.p95Ms()).isLessThanOrEqualTo(report.p99Ms());
    assertThat(report.p99Ms()).isLessThanOrEqualTo(report.maxMs()).isLessThan(1000);
    assertThat(report.errorRatio()).isZero();
    assertThat(report.checked().checks()).hasSize(3).last().asString().endsWith(": passed");
    assertThat(report.lines().get(0)).startsWith("GET /health at 50/s for 2s (stopped after 2.");
  }

  @Test
  void aSlowAppFailsTheStepOnItsP95() {
    app.slow("/health", Duration.ofMillis(60));

    LoadReport report = new LoadRunner().run(app.baseUrl(), new LoadSpec("/health", 20, "PT1S", 30, 0.01), Heartbeat.none());
    Throwable thrown = catchThrowable(report::checked);

    assertThat(report.p95Ms()).isGreaterThanOrEqualTo(60);
    assertThat(thrown).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getType()).isEqualTo(FailureType.SMOKE_TEST_FAILED.name());
      assertThat(failure.getOriginalMessage()).startsWith("load test failed: p95 ").contains("is above 30 ms");
    });
    assertThat(report.exceeded()).singleElement().asString().startsWith("p95 ");
  }

  @Test
  void errorsAboveTheToleratedRatioFailTheStep() {
    app.failing("/health", 503);

    LoadReport report = new LoadRunner().run(app.baseUrl(), new LoadSpec("/health", 20, "PT1S", 1000, 0.01), Heartbeat.none());

    assertThat(report.failed()).isEqualTo(report.sent() - report.cutOff());
    assertThat(report.exceeded()).containsExactly("error ratio 100.00% is above 1.00%");
  }

  @Test
  void requestsAboveTheConcurrencyCapAreNotSentAndCountAsErrors() {
    app.slow("/health", Duration.ofMillis(400));

    LoadReport report = new LoadRunner(2, Duration.ofSeconds(5))
        .run(app.baseUrl(), new LoadSpec("/health", 40, "PT1S", 1000, 0.5), Heartbeat.none());

    assertThat(app.mostInFlight()).isLessThanOrEqualTo(2);
    assertThat(report.notSent()).isGreaterThan(20);
    assertThat(report.errors()).isEqualTo(report.failed() + report.notSent());
    assertThat(report.exceeded()).anySatisfy(e -> assertThat(e).startsWith("error ratio"));
  }

  @Test
  void theLoadActivityHeartbeatsAndFailsWithoutRetryingWhenAThresholdIsExceeded() {
    app.slow("/health", Duration.ofMillis(50));
    HttpSmokeTestActivities activities = new HttpSmokeTestActivities(HttpClient.newHttpClient(), Duration.ofSeconds(1), 1,
        Duration.ZERO, new LoadRunner());
    TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
    try {
      List<String> heartbeats = new CopyOnWriteArrayList<>();
      environment.registerActivitiesImplementations(activities);
      environment.setActivityHeartbeatListener(String.class, heartbeats::add);
      SmokeTestActivities stub = environment.newActivityStub(SmokeTestActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30)).setHeartbeatTimeout(Duration.ofSeconds(5)).build());
      SmokeSpec smoke = new SmokeSpec(app.baseUrl(), "basic", new LoadSpec("/health", 10, "PT2S", 10, 0.01));

      Throwable thrown = catchThrowable(() -> stub.runLoadTest(SampleSpecs.withSmoke(SampleSpecs.local("staging"), smoke)));

      assertThat(thrown).isInstanceOf(ActivityFailure.class).cause().isInstanceOfSatisfying(ApplicationFailure.class,
          failure -> assertThat(failure.getOriginalMessage()).startsWith("load test failed: p95"));
      assertThat(heartbeats).isNotEmpty().allSatisfy(h -> assertThat(h).startsWith("load: "));
    } finally {
      environment.close();
    }
  }

  @Test
  void withoutALoadSpecTheStepSaysItWasSkipped() {
    CheckReport report = new HttpSmokeTestActivities().runLoadTest(SampleSpecs.local("staging"));

    assertThat(report.checks()).containsExactly("load step skipped: no smoke.load");
  }
}
