package dev.envflow.activities.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.activities.postgres.LocalPostgresProvider;
import dev.envflow.activities.postgres.PostgresActivitiesImpl;
import dev.envflow.activities.redis.LocalRedisProvider;
import dev.envflow.activities.redis.RedisActivitiesImpl;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.activities.testing.SynckairosTestApp;
import dev.envflow.activities.testing.TestSpecs;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.SmokeSpec;
import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The smoke suites against a small synckairos stand-in that runs on the secrets of a really provisioned
 * environment: a migrated PostgreSQL database and a Redis user from the local providers.
 */
class HttpSmokeTestActivitiesTest {

  private static Path secretsDirectory;
  private static SecretStore secrets;
  private static PostgresActivitiesImpl postgres;
  private static RedisActivitiesImpl redis;
  private static EnvironmentSpec environment;
  private static Resource database;
  private static Resource redisUser;

  private SynckairosTestApp app;
  private final HttpSmokeTestActivities smoke = new HttpSmokeTestActivities(
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), Duration.ofMillis(800), 4,
      Duration.ofMillis(20), new LoadRunner());

  @BeforeAll
  static void provision() throws Exception {
    secretsDirectory = Files.createTempDirectory("envflow-smoke-secrets");
    secrets = new FileSecretStore(secretsDirectory);
    postgres = new PostgresActivitiesImpl(List.of(new LocalPostgresProvider(LocalServices.postgres(), secrets)), secrets);
    redis = new RedisActivitiesImpl(List.of(new LocalRedisProvider(LocalServices.redis(), secrets)));
    environment = TestSpecs.uniqueLocalSpec("smoke-");
    database = postgres.createDatabase(environment);
    postgres.migrateDatabase(database, TestSpecs.SYNCKAIROS_MIGRATIONS);
    redisUser = redis.createRedisUser(environment);
  }

  @AfterAll
  static void deprovision() {
    postgres.deleteDatabase(database);
    redis.deleteRedisUser(redisUser);
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @BeforeEach
  void startApp() {
    app = SynckairosTestApp.start("synckairos");
  }

  @AfterEach
  void stopApp() {
    app.close();
  }

  /** The app starts with the secrets the PaaS step gives it: the provisioned environment's connection URLs. */
  private void deployWithProvisionedSecrets() {
    app.configure(secrets.applicationUrl(database.kind(), database.name()).orElseThrow(),
        secrets.applicationUrl(redisUser.kind(), redisUser.name()).orElseThrow());
  }

  private static EnvironmentSpec specFor(String baseUrl, String suite) {
    return SampleSpecs.withSmoke(SampleSpecs.local("staging"), new SmokeSpec(baseUrl, suite));
  }

  @Test
  void theSeedsSuiteWritesASessionThroughTheProvisionedSecretsAndReadsItBack() throws Exception {
    deployWithProvisionedSecrets();

    CheckReport report = smoke.runSmokeTests(specFor(app.baseUrl() + "/", "synckairos"));

    assertThat(report.target()).isEqualTo(app.baseUrl());
    assertThat(report.checks()).hasSize(5);
    assertThat(report.checks().get(0)).matches("GET /health: 200 in \\d+ ms");
    assertThat(report.checks().get(1)).matches("GET /ready: 200 in \\d+ ms");
    assertThat(report.checks().get(2)).matches("GET /metrics: 200 in \\d+ ms");
    assertThat(report.checks().get(3)).matches("POST /v1/sessions: 201 in \\d+ ms");
    assertThat(report.checks().get(4)).matches("GET /v1/sessions/[0-9a-f-]{36}: 200 in \\d+ ms");
    String sessionId = report.checks().get(4).substring("GET /v1/sessions/".length(), "GET /v1/sessions/".length() + 36);
    assertThat(participantsInTheDatabase(sessionId)).isEqualTo(1);
    try (Jedis admin = new Jedis(LocalServices.redis().host(), LocalServices.redis().port())) {
      admin.auth(LocalServices.redis().adminUser(), LocalServices.redis().adminPassword());
      assertThat(admin.get(environment.name() + ":session:" + sessionId)).contains(sessionId);
    }
  }

  @Test
  void checksAreTriedAgainWhileTheAppWarmsUp() {
    deployWithProvisionedSecrets();
    app.notReadyFor(2);

    CheckReport report = smoke.runSmokeTests(specFor(app.baseUrl(), "synckairos"));

    assertThat(report.checks().get(1)).matches("GET /ready: 200 in \\d+ ms \\(after 3 tries\\)");
  }

  @Test
  void anAppWithoutItsSecretsFailsTheSuiteAtReadyAfterItsTries() {
    ApplicationFailure failure = failureOf(specFor(app.baseUrl(), "synckairos"));
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .startsWith("smoke test failed: GET /ready: 503 in ")
        .contains("(after 4 tries)")
        .contains("no DATABASE_URL / REDIS_URL yet")
        .contains("GET /health: 200");
  }

  @Test
  void aWrongStatusFailsNamingTheCheckWithTheFirstBytesOfTheAnswer() {
    deployWithProvisionedSecrets();
    app.failing("/v1/sessions", 500);

    assertThat(failureOf(specFor(app.baseUrl(), "synckairos")).getOriginalMessage())
        .startsWith("smoke test failed: POST /v1/sessions: 500 in ")
        .contains("body: {\"error\":\"injected failure\"} (after 4 tries)")
        .contains("GET /metrics: 200");
  }

  @Test
  void aClientErrorIsNotTriedAgain() {
    deployWithProvisionedSecrets();
    app.failing("/ready", 404);

    assertThat(failureOf(specFor(app.baseUrl(), "synckairos")).getOriginalMessage())
        .startsWith("smoke test failed: GET /ready: 404 in ")
        .doesNotContain("tries");
  }

  @Test
  void aMissingMetricFailsTheSuite() {
    deployWithProvisionedSecrets();
    app.withoutMetric();

    assertThat(failureOf(specFor(app.baseUrl(), "synckairos")).getOriginalMessage())
        .startsWith("smoke test failed: GET /metrics: 200 in ")
        .contains("but does not expose synckairos_active_sessions; body: # HELP synckairos_sessions_total");
  }

  @Test
  void aCheckThatDoesNotAnswerInTimeFailsAfterItsTries() {
    app.slow("/health", Duration.ofSeconds(3));
    long started = System.nanoTime();

    assertThat(failureOf(specFor(app.baseUrl(), "basic")).getOriginalMessage())
        .startsWith("smoke test failed: GET /health: no answer within 800 ms (after 4 tries)");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void theBasicSuiteChecksHealthOnly() {
    CheckReport report = smoke.runSmokeTests(specFor(app.baseUrl(), "basic"));

    assertThat(report.checks()).singleElement().asString().matches("GET /health: 200 in \\d+ ms");
  }

  @Test
  void skipsWhenNoBaseUrlIsGiven() {
    assertThat(smoke.runSmokeTests(specFor(null, "synckairos")).checks())
        .containsExactly("smoke tests skipped: no smoke.baseUrl");
  }

  @Test
  void findsTheMetricWithLabelsButNotALongerName() {
    assertThat(SmokeSuites.exposes("synckairos_active_sessions{region=\"sjc\"} 2\n", "synckairos_active_sessions")).isTrue();
    assertThat(SmokeSuites.exposes("synckairos_active_sessions_total 4\n", "synckairos_active_sessions")).isFalse();
  }

  @Test
  void anExcerptMasksPasswordsOfConnectionUrlsTheAppEchoes() {
    assertThat(BodyExcerpt.of("{\"error\":\"cannot reach postgresql://synckairos:pa55@db:5432/app\"}"))
        .isEqualTo("{\"error\":\"cannot reach postgresql://synckairos:***@db:5432/app\"}");
    assertThat(BodyExcerpt.of("x".repeat(500))).hasSize(BodyExcerpt.MAX_CHARS + 3);
  }

  /** The failure of a suite that must fail: a non-retryable SMOKE_TEST_FAILED. */
  private ApplicationFailure failureOf(EnvironmentSpec spec) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> smoke.runSmokeTests(spec));
    assertThat(thrown).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown;
    assertThat(failure.getType()).isEqualTo(FailureType.SMOKE_TEST_FAILED.name());
    return failure;
  }

  private static int participantsInTheDatabase(String sessionId) throws Exception {
    var admin = LocalServices.postgres();
    String url = "jdbc:postgresql://" + admin.host() + ":" + admin.port() + "/"
        + dev.envflow.activities.postgres.PostgresCredentials.fromUrl(
            secrets.get(dev.envflow.activities.postgres.PostgresSecrets.ownerKey(database.name())).orElseThrow()).database();
    try (Connection connection = DriverManager.getConnection(url, admin.adminUser(), admin.adminPassword());
        ResultSet rows = connection.createStatement().executeQuery(
            "SELECT count(*) FROM sync_participants WHERE session_id = '" + sessionId + "'")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
