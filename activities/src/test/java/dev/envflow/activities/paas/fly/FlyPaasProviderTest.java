package dev.envflow.activities.paas.fly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.fakes.FakeFlyMachinesApi;
import dev.envflow.activities.fakes.FakeFlyMachinesApi.Call;
import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.PaasSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Fly provider against a stateful fake of the Machines API. */
class FlyPaasProviderTest {

  private static final String APP = "synckairos-staging";
  private static final String OLD = "registry.fly.io/synckairos:1.4.1";
  private static final String NEW = "registry.fly.io/synckairos:1.4.2";
  private static final String REDIS_URL = "redis://synckairos-staging:r3dis-pa55@10.0.0.5:6379";
  private static final String DATABASE_URL = "postgresql://synckairos_staging:pg-pa55@10.0.0.6:5432/synckairos_staging";
  private static final String JWT = "jwt-n3w-value";

  private final FakeFlyMachinesApi fly = FakeFlyMachinesApi.start();
  private final Map<String, String> variables = new HashMap<>(Map.of("JWT_SECRET", JWT));
  private final AtomicReference<String> rollout = new AtomicReference<>("env-synckairos-staging/run-1");
  private final List<Duration> pauses = new ArrayList<>();
  private final Resource redis = new Resource("REDIS_USER", "local", "synckairos-staging", "synckairos-staging", "redis://10.0.0.5:6379");
  private final Resource postgres = new Resource("POSTGRES_DATABASE", "local", "synckairos-staging", "synckairos_staging",
      "postgresql://10.0.0.6:5432/synckairos_staging");
  private final EnvironmentSpec spec = SampleSpecs.withPaas(SampleSpecs.local("staging"),
      new PaasSpec("fly", APP, NEW, null, List.of("JWT_SECRET")));
  private Path secretsDirectory;
  private SecretStore secrets;

  @BeforeEach
  void storeCredentials() throws Exception {
    secretsDirectory = Files.createTempDirectory("envflow-fly-secrets");
    secrets = new FileSecretStore(secretsDirectory);
    secrets.put(SecretStore.key("REDIS_USER", "synckairos-staging"), REDIS_URL);
    secrets.put(SecretStore.key("POSTGRES_DATABASE", "synckairos-staging"), DATABASE_URL);
  }

  @AfterEach
  void stop() {
    fly.close();
    LocalServices.deleteRecursively(secretsDirectory);
  }

  private FlyPaasProvider provider() {
    return provider(FakeFlyMachinesApi.TOKEN);
  }

  private FlyPaasProvider provider(String token) {
    return new FlyPaasProvider(new FlyConfig(token, "personal", fly.baseUrl()), secrets, new ProviderVariables(variables::get),
        new FlyTimings(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(5)), Duration.ofMillis(1),
        pause -> {
          pauses.add(pause);
          try {
            Thread.sleep(Math.min(pause.toMillis(), 5));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        rollout::get);
  }

  private List<Call> calls(String method, String pathPart) {
    return fly.calls().stream().filter(c -> c.method().equals(method) && c.path().contains(pathPart)).toList();
  }

  // ---- secrets ----

  @Test
  void setsEveryKeyInOneBulkCallAfterListingAndRemembersWhichItAdded() {
    fly.existingApp(APP).existingSecret(APP, "JWT_SECRET", "old-jwt").existingSecret(APP, "NODE_ENV", "production");

    Resource result = provider().setSecrets(spec, List.of(redis, postgres));

    assertThat(fly.requests()).containsExactly("GET /v1/apps/" + APP, "GET /v1/apps/" + APP + "/secrets",
        "POST /v1/apps/" + APP + "/secrets");
    ObjectNode values = (ObjectNode) calls("POST", "/secrets").get(0).body().path("values");
    assertThat(values.toString()).isEqualTo(
        "{\"REDIS_URL\":\"" + REDIS_URL + "\",\"DATABASE_URL\":\"" + DATABASE_URL + "\",\"JWT_SECRET\":\"" + JWT + "\"}");
    assertThat(fly.secretValues(APP)).containsEntry("NODE_ENV", "production").containsEntry("JWT_SECRET", JWT);
    assertThat(result).isEqualTo(new Resource("SECRETS", "fly", "synckairos-staging", APP,
        "fly app " + APP + ", secrets version 3; added REDIS_URL, DATABASE_URL; replaced JWT_SECRET"));
    assertThat(secrets.get(FlyRollouts.key("synckairos-staging")).orElseThrow())
        .doesNotContain("r3dis-pa55").doesNotContain("pg-pa55").doesNotContain(JWT);
  }

  @Test
  void aRetriedSecretsCallStillKnowsTheKeysItAddedFirst() {
    fly.existingApp(APP);
    provider().setSecrets(spec, List.of(redis, postgres));

    Resource again = provider().setSecrets(spec, List.of(redis, postgres));

    assertThat(again.location()).endsWith("added REDIS_URL, DATABASE_URL, JWT_SECRET");
    assertThat(calls("POST", "/secrets")).hasSize(2);
  }

  @Test
  void createsTheAppInTheConfiguredOrgWhenAbsentAndDeletesItOnRollbackOnlyThen() {
    Resource result = provider().setSecrets(spec, List.of(redis, postgres));

    Call create = calls("POST", "/v1/apps").get(0);
    assertThat(create.path()).isEqualTo("/v1/apps");
    assertThat(create.body().toString()).isEqualTo("{\"app_name\":\"" + APP + "\",\"org_slug\":\"personal\"}");
    assertThat(result.location()).startsWith("fly app " + APP + " (created by envflow), secrets version 1");

    List<String> leftBehind = provider().deleteSecrets(result);

    assertThat(leftBehind).isEmpty();
    assertThat(fly.deletedApps()).containsExactly(APP);
    assertThat(calls("DELETE", "/v1/apps/" + APP).get(0).query()).isEqualTo("force=true");
    assertThat(provider().deleteSecrets(result)).as("deleting again succeeds").isEmpty();
  }

  @Test
  void onAnAdoptedAppRollbackUnsetsOnlyTheKeysEnvflowAddedAndNamesThoseItCannotRestore() {
    fly.existingApp(APP).existingSecret(APP, "JWT_SECRET", "old-jwt").existingSecret(APP, "NODE_ENV", "production");
    Resource result = provider().setSecrets(spec, List.of(redis, postgres));

    List<String> leftBehind = provider().deleteSecrets(result);

    assertThat(fly.hasApp(APP)).isTrue();
    assertThat(fly.secretValues(APP)).containsOnlyKeys("JWT_SECRET", "NODE_ENV");
    assertThat(calls("POST", "/secrets").get(1).body().toString())
        .isEqualTo("{\"values\":{\"REDIS_URL\":null,\"DATABASE_URL\":null}}");
    assertThat(leftBehind).singleElement().asString()
        .startsWith("JWT_SECRET existed on fly app " + APP + " before envflow set it")
        .contains("cannot be restored").doesNotContain("old-jwt").doesNotContain(JWT);
    assertThat(secrets.get(FlyRollouts.key("synckairos-staging"))).isEmpty();
  }

  @Test
  void deletingSecretsThatWereNeverSetSucceeds() {
    assertThat(provider().deleteSecrets(Resource.planned(dev.envflow.workflows.model.ResourceKind.SECRETS, "fly",
        "synckairos-staging"))).isEmpty();
    assertThat(fly.requests()).isEmpty();
  }

  // ---- deploy ----

  @Test
  void rollsThreeMachinesOneAtATimeWithTheirFullConfigTheNewImageAndTheSecretsVersion() {
    fly.existingApp(APP);
    List<String> machines = fly.runningMachines(APP, 3, OLD);
    Map<String, ObjectNode> configs = new HashMap<>();
    machines.forEach(id -> configs.put(id, fly.machineConfig(APP, id)));
    Resource secretsSet = provider().setSecrets(spec, List.of(redis, postgres));
    long version = fly.secretsVersion(APP);

    DeployReport report = provider().deploy(spec, secretsSet);

    List<String> sequence = fly.calls().stream()
        .filter(c -> c.method().equals("POST") && c.path().contains("/machines/") || c.path().endsWith("/wait"))
        .map(c -> (c.method().equals("POST") ? "update " : "wait ") + c.path().split("/")[5]).toList();
    assertThat(sequence).containsExactly("update " + machines.get(0), "wait " + machines.get(0),
        "update " + machines.get(1), "wait " + machines.get(1), "update " + machines.get(2), "wait " + machines.get(2));
    for (String id : machines) {
      Call update = calls("POST", "/machines/" + id).get(0);
      ObjectNode expected = configs.get(id).deepCopy().put("image", NEW);
      assertThat(update.body().path("config")).isEqualTo(expected);
      assertThat(update.body().path("min_secrets_version").asLong()).isEqualTo(version);
      Call wait = calls("GET", "/machines/" + id + "/wait").get(0);
      assertThat(wait.query()).contains("state=started").contains("instance_id=01J");
      assertThat(fly.machineEnv(APP, id)).containsEntry("REDIS_URL", REDIS_URL).containsEntry("DATABASE_URL", DATABASE_URL);
    }
    assertThat(fly.machineImages(APP).values()).containsOnly(NEW);
    assertThat(report.summary()).startsWith("fly app " + APP + ": 3 machine(s) updated one at a time to " + NEW
        + " with secrets version " + version + ", each started (" + machines.get(0) + " from " + OLD);
  }

  @Test
  void aMachineThatNeverStartsPutsTheUpdatedOnesBackAndFailsNamingItAndItsState() {
    fly.existingApp(APP);
    List<String> machines = fly.runningMachines(APP, 3, OLD);
    fly.neverStarts(machines.get(1), NEW);
    Resource secretsSet = provider().setSecrets(spec, List.of(redis, postgres));

    Throwable thrown = catchThrowable(() -> provider().deploy(spec, secretsSet));

    assertThat(thrown).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getType()).isEqualTo(FailureType.DEPLOY_FAILED.name());
      assertThat(failure.getOriginalMessage()).startsWith("fly: machine " + machines.get(1) + " (2 of 3) of app " + APP
              + " did not start with " + NEW + ": its state is stopped")
          .contains("machines " + machines.get(1) + " back on " + OLD + ", " + machines.get(0) + " back on " + OLD)
          .doesNotContain("NOT put back");
    });
    assertThat(fly.machineImages(APP).values()).containsOnly(OLD);
    assertThat(fly.machineStates(APP).values()).containsOnly("started");
    assertThat(calls("POST", "/machines/" + machines.get(2))).as("the third machine is never touched").isEmpty();
  }

  @Test
  void undoingADeployPutsPreviousImagesBackWithoutEnvflowsKeys() {
    fly.existingApp(APP).existingSecret(APP, "JWT_SECRET", "old-jwt");
    List<String> machines = fly.runningMachines(APP, 2, OLD);
    Resource secretsSet = provider().setSecrets(spec, List.of(redis, postgres));
    provider().deploy(spec, secretsSet);

    DeployReport undone = provider().rollbackDeploy(spec, secretsSet);

    assertThat(fly.machineImages(APP).values()).containsOnly(OLD);
    assertThat(fly.secretValues(APP)).containsOnlyKeys("JWT_SECRET");
    for (String id : machines) {
      assertThat(fly.machineEnv(APP, id)).doesNotContainKeys("REDIS_URL", "DATABASE_URL");
      List<Call> updates = calls("POST", "/machines/" + id);
      assertThat(updates.get(updates.size() - 1).body().path("min_secrets_version").asLong()).isEqualTo(fly.secretsVersion(APP));
    }
    assertThat(undone.summary()).isEqualTo("fly app " + APP + ": unset REDIS_URL, DATABASE_URL; machine " + machines.get(1)
        + " back on " + OLD + "; machine " + machines.get(0) + " back on " + OLD);
    int updatesSoFar = calls("POST", "/machines/").size();
    provider().rollbackDeploy(spec, secretsSet);
    assertThat(calls("POST", "/machines/")).as("undoing twice changes nothing more").hasSize(updatesSoFar);
  }

  @Test
  void afterADeployThatFailedTheSagaStillRemovesEnvflowsKeysFromTheMachines() {
    fly.existingApp(APP);
    List<String> machines = fly.runningMachines(APP, 3, OLD);
    fly.neverStarts(machines.get(2), NEW);
    Resource secretsSet = provider().setSecrets(spec, List.of(redis, postgres));
    catchThrowable(() -> provider().deploy(spec, secretsSet));

    provider().rollbackDeploy(spec, secretsSet);
    provider().deleteSecrets(secretsSet);

    assertThat(fly.machineImages(APP).values()).containsOnly(OLD);
    assertThat(fly.secretValues(APP)).isEmpty();
    machines.forEach(id -> assertThat(fly.machineEnv(APP, id)).doesNotContainKeys("REDIS_URL", "DATABASE_URL", "JWT_SECRET"));
  }

  @Test
  void undoingADeployOfAnotherRunChangesNothing() {
    fly.existingApp(APP);
    fly.runningMachines(APP, 1, OLD);
    Resource secretsSet = provider().setSecrets(spec, List.of(redis, postgres));
    provider().deploy(spec, secretsSet);
    rollout.set("env-synckairos-staging/run-2");

    DeployReport undone = provider().rollbackDeploy(spec, secretsSet);

    assertThat(undone.summary()).isEqualTo("fly: this rollout changed no machine of " + APP);
    assertThat(fly.machineImages(APP).values()).containsOnly(NEW);
  }

  @Test
  void anAppWithNoMachinesGetsOneFromTheImageAndUndoingDestroysIt() {
    fly.existingApp(APP);
    Resource secretsSet = provider().setSecrets(spec, List.of(redis, postgres));

    DeployReport report = provider().deploy(spec, secretsSet);

    Call create = calls("POST", "/machines").get(0);
    assertThat(create.path()).isEqualTo("/v1/apps/" + APP + "/machines");
    assertThat(create.body().path("name").asText()).isEqualTo("envflow-synckairos-staging");
    assertThat(create.body().path("config").path("image").asText()).isEqualTo(NEW);
    assertThat(create.body().path("min_secrets_version").asLong()).isEqualTo(fly.secretsVersion(APP));
    String id = fly.machineImages(APP).keySet().iterator().next();
    assertThat(report.summary()).isEqualTo("fly app " + APP + " had no machines: created machine " + id + " from " + NEW
        + " with secrets version " + fly.secretsVersion(APP) + "; it started");

    DeployReport undone = provider().rollbackDeploy(spec, secretsSet);

    assertThat(fly.machineImages(APP)).isEmpty();
    assertThat(undone.summary()).contains("destroyed machine " + id + " that envflow created");
  }

  @Test
  void aReRunAdoptsTheAppTheKeysAndTheMachineOfTheFirstRun() {
    FlyPaasProvider first = provider();
    Resource secretsSet = first.setSecrets(spec, List.of(redis, postgres));
    first.deploy(spec, secretsSet);
    String machine = fly.machineImages(APP).keySet().iterator().next();
    int appCreates = calls("POST", "/v1/apps").stream().filter(c -> c.path().equals("/v1/apps")).toList().size();
    rollout.set("env-synckairos-staging/run-2");
    EnvironmentSpec next = SampleSpecs.withPaas(spec, new PaasSpec("fly", APP, "registry.fly.io/synckairos:1.4.3", null,
        List.of("JWT_SECRET")));

    Resource again = provider().setSecrets(next, List.of(redis, postgres));
    DeployReport report = provider().deploy(next, again);

    assertThat(appCreates).isEqualTo(1);
    assertThat(calls("POST", "/v1/apps").stream().filter(c -> c.path().equals("/v1/apps"))).hasSize(1);
    assertThat(again.location()).startsWith("fly app " + APP + " (created by envflow)").endsWith("added REDIS_URL, DATABASE_URL, JWT_SECRET");
    assertThat(fly.machineImages(APP)).containsOnlyKeys(machine).containsValue("registry.fly.io/synckairos:1.4.3");
    assertThat(report.summary()).contains("1 machine(s) updated one at a time", machine + " from " + NEW);

    provider().deleteSecrets(again);
    assertThat(fly.deletedApps()).containsExactly(APP);
  }

  @Test
  void teardownOfAnAdoptedAppDestroysTheMachineEnvflowCreated() {
    fly.existingApp(APP);
    Resource secretsSet = provider().setSecrets(spec, List.of(redis, postgres));
    provider().deploy(spec, secretsSet);

    provider().deleteSecrets(secretsSet);

    assertThat(fly.hasApp(APP)).isTrue();
    assertThat(fly.machineImages(APP)).isEmpty();
  }

  @Test
  void deployAndItsUndoHeartbeatInsideAnActivity() {
    fly.existingApp(APP);
    fly.runningMachines(APP, 2, OLD);
    Resource secretsSet = provider().setSecrets(spec, List.of(redis, postgres));
    io.temporal.testing.TestActivityEnvironment activities = io.temporal.testing.TestActivityEnvironment.newInstance();
    try {
      List<String> heartbeats = new java.util.concurrent.CopyOnWriteArrayList<>();
      activities.registerActivitiesImplementations(new dev.envflow.activities.paas.PaasActivitiesImpl(List.of(provider())));
      activities.setActivityHeartbeatListener(String.class, heartbeats::add);
      dev.envflow.workflows.activities.PaasActivities stub = activities.newActivityStub(
          dev.envflow.workflows.activities.PaasActivities.class, io.temporal.activity.ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30)).setHeartbeatTimeout(Duration.ofSeconds(5)).build());

      stub.deploy(spec, secretsSet);
      stub.rollbackDeploy(spec, secretsSet);

      // the SDK sends the first heartbeat of each activity at once and throttles the next ones
      assertThat(heartbeats).anySatisfy(h -> assertThat(h).startsWith("updating machine").contains("(1 of 2)"))
          .anySatisfy(h -> assertThat(h).startsWith("putting machine"));
    } finally {
      activities.close();
    }
  }

  // ---- failures ----

  @Test
  void badCredentialsFailAtOnceWithFlysError() {
    Throwable thrown = catchThrowable(() -> provider("not-the-token").setSecrets(spec, List.of(redis, postgres)));

    assertThat(thrown).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
      assertThat(failure.getOriginalMessage()).isEqualTo("fly: get app " + APP
          + ": HTTP 401: Authenticate: token validation error (check the provider's credentials)");
    });
    assertThat(fly.calls()).hasSize(1);
  }

  @Test
  void anAppNameTakenInAnotherOrgFailsAtOnceWithFlysError() {
    fly.foreignApp(APP);

    Throwable thrown = catchThrowable(() -> provider().setSecrets(spec, List.of(redis, postgres)));

    assertThat(thrown).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).contains("HTTP 403: unauthorized");
    });
  }

  @Test
  void aRejectedCreateFailsAtOnceWithFlysError() {
    fly.failNext("POST", "/v1/apps", 422, "Validation failed: Name is invalid");

    Throwable thrown = catchThrowable(() -> provider().setSecrets(spec, List.of(redis, postgres)));

    assertThat(thrown).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getType()).isEqualTo(FailureType.REQUEST_REJECTED.name());
      assertThat(failure.getOriginalMessage()).isEqualTo("fly: create app " + APP + ": HTTP 422: Validation failed: Name is invalid");
    });
  }

  @Test
  void aCreateWhoseAnswerWasLostCountsAsCreatedWhenTheAppIsThere() {
    fly.loseAnswerOfNext("POST", "/v1/apps");

    Resource result = provider().setSecrets(spec, List.of(redis, postgres));

    assertThat(fly.requests()).containsSubsequence("POST /v1/apps", "POST /v1/apps", "GET /v1/apps/" + APP);
    assertThat(result.location()).contains("(created by envflow)");
    provider().deleteSecrets(result);
    assertThat(fly.deletedApps()).containsExactly(APP);
  }

  @Test
  void rateLimitsAndOutagesAreTriedAgainAfterRetryAfter() {
    fly.existingApp(APP);
    List<String> machines = fly.runningMachines(APP, 2, OLD);
    fly.failNext("GET", "/v1/apps/" + APP + "/secrets", 429, "rate limited", "2");
    fly.failNext("POST", "/v1/apps/" + APP + "/machines/" + machines.get(1), 502, "bad gateway");
    Resource secretsSet = provider().setSecrets(spec, List.of(redis, postgres));

    provider().deploy(spec, secretsSet);

    assertThat(pauses).contains(Duration.ofSeconds(2));
    assertThat(fly.machineImages(APP).values()).containsOnly(NEW);
  }

  @Test
  void anOutageThatLastsIsLeftToTheActivityRetriesAsATransientFailure() {
    for (int i = 0; i < 4; i++) {
      fly.failNext("GET", "/v1/apps/" + APP, 503, "service unavailable");
    }

    Throwable thrown = catchThrowable(() -> provider().setSecrets(spec, List.of(redis, postgres)));

    assertThat(thrown).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isFalse();
      assertThat(failure.getType()).isEqualTo(ProviderFailures.TRANSIENT);
      assertThat(failure.getOriginalMessage()).isEqualTo("fly: get app " + APP + ": HTTP 503: service unavailable");
    });
    assertThat(fly.calls()).hasSize(4);
  }

  @Test
  void aWaitThatTimesOutIsAskedAgainUntilTheMachineStarts() {
    fly.existingApp(APP);
    List<String> machines = fly.runningMachines(APP, 1, OLD);
    fly.failNext("GET", "/v1/apps/" + APP + "/machines/" + machines.get(0) + "/wait", 408, "deadline exceeded");
    Resource secretsSet = provider().setSecrets(spec, List.of(redis, postgres));

    provider().deploy(spec, secretsSet);

    assertThat(calls("GET", "/wait")).hasSize(2);
    assertThat(fly.machineImages(APP).values()).containsOnly(NEW);
  }

  @Test
  void aMissingExtraKeyFailsBeforeAnythingIsSentToFly() {
    variables.remove("JWT_SECRET");

    Throwable thrown = catchThrowable(() -> provider().setSecrets(spec, List.of(redis, postgres)));

    assertThat(thrown).isInstanceOfSatisfying(ApplicationFailure.class,
        failure -> assertThat(failure.getOriginalMessage()).contains("no variable JWT_SECRET"));
    assertThat(fly.calls()).isEmpty();
  }

  // ---- configuration ----

  @Test
  void macaroonTokensGoInAFlyV1HeaderAndOthersAsBearer() {
    assertThat(new FlyConfig("fm2_lJPECAAA", "personal", "x").authorization()).isEqualTo("FlyV1 fm2_lJPECAAA");
    assertThat(new FlyConfig("fm1r_abc,fm1a_def", "personal", "x").authorization()).isEqualTo("FlyV1 fm1r_abc,fm1a_def");
    assertThat(new FlyConfig("FlyV1 fm2_abc", "personal", "x").authorization()).isEqualTo("FlyV1 fm2_abc");
    assertThat(new FlyConfig(" personal-access-token ", "personal", "x").authorization()).isEqualTo("Bearer personal-access-token");
    assertThat(new FlyConfig("fm2_secret", "personal", "x").toString()).doesNotContain("fm2_secret");
  }

  @Test
  void aMacaroonTokenReachesFlyAsFlyV1() {
    try (FakeFlyMachinesApi macaroonFly = FakeFlyMachinesApi.start("fm2_macaroon")) {
      macaroonFly.existingApp(APP);
      FlyPaasProvider provider = new FlyPaasProvider(new FlyConfig("fm2_macaroon", "personal", macaroonFly.baseUrl()),
          secrets, new ProviderVariables(variables::get));

      provider.setSecrets(spec, List.of(redis, postgres));

      assertThat(macaroonFly.calls()).extracting(Call::authorization).containsOnly("FlyV1 fm2_macaroon");
    }
  }

  @Test
  void readsTheContractVariablesWithTheirDefaults() {
    FlyConfig config = FlyConfig.from(new ProviderVariables(Map.of("FLY_API_TOKEN", "t")::get));

    assertThat(config.org()).isEqualTo("personal");
    assertThat(config.apiUrl()).isEqualTo("https://api.machines.dev");
    assertThat(FlyConfig.from(new ProviderVariables(Map.of("FLY_API_TOKEN", "t", "FLY_ORG", "acme",
        "ENVFLOW_FLY_API_URL", "http://proxy:8080")::get))).isEqualTo(new FlyConfig("t", "acme", "http://proxy:8080"));
  }
}
