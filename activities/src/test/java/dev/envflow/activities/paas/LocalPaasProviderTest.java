package dev.envflow.activities.paas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.activities.PaasActivities;
import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.PaasSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPaasProviderTest {

  private static final String REDIS_PASSWORD = "r3dis-pa55word";
  private static final String POSTGRES_PASSWORD = "pg-s3cret-pa55";
  private static final String REDIS_URL = "redis://synckairos-staging:" + REDIS_PASSWORD + "@127.0.0.1:6379";
  private static final String DATABASE_URL =
      "postgresql://synckairos_staging:" + POSTGRES_PASSWORD + "@127.0.0.1:5432/synckairos_staging";

  @TempDir Path state;
  @TempDir Path secretDirectory;

  private SecretStore secrets;
  private final EnvironmentSpec spec = SampleSpecs.local("staging");
  private final Resource redis = new Resource("REDIS_USER", "local", "synckairos-staging", "synckairos-staging",
      "redis://127.0.0.1:6379");
  private final Resource postgres = new Resource("POSTGRES_DATABASE", "local", "synckairos-staging",
      "synckairos_staging", "postgresql://127.0.0.1:5432/synckairos_staging");

  @BeforeEach
  void storeCredentials() {
    secrets = new FileSecretStore(secretDirectory);
    secrets.put(SecretStore.key("REDIS_USER", "synckairos-staging"), REDIS_URL);
    secrets.put(SecretStore.key("POSTGRES_DATABASE", "synckairos-staging"), DATABASE_URL);
  }

  private final java.util.Map<String, String> workerVariables = new java.util.HashMap<>();

  private LocalPaasProvider paas() {
    return new LocalPaasProvider(state, secrets, new dev.envflow.activities.cloud.ProviderVariables(workerVariables::get),
        new ShellCommandRunner(Duration.ofSeconds(20), Duration.ofMillis(100)));
  }

  @Test
  void writesBothConnectionUrlsToAPrivateDotenvAndNamesOnlyTheKeys() throws IOException {
    Resource result = paas().setSecrets(spec, List.of(redis, postgres));

    assertThat(result).isEqualTo(new Resource("SECRETS", "local", "synckairos-staging", "DATABASE_URL,REDIS_URL",
        "environments/synckairos-staging/.env"));
    assertThat(result.toString()).doesNotContain(REDIS_PASSWORD).doesNotContain(POSTGRES_PASSWORD);
    Path dotenv = state.resolve(result.location());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dotenv))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dotenv.getParent())))
        .isEqualTo("rwx------");
    assertThat(DotenvFile.read(dotenv)).containsExactly(
        java.util.Map.entry("DATABASE_URL", DATABASE_URL), java.util.Map.entry("REDIS_URL", REDIS_URL));
  }

  @Test
  void settingSecretsAgainReplacesThemAndLeavesNoTemporaryFile() throws IOException {
    LocalPaasProvider paas = paas();
    paas.setSecrets(spec, List.of(redis, postgres));
    String rotated = "redis://synckairos-staging:rotated-pass@127.0.0.1:6379";
    secrets.put(SecretStore.key("REDIS_USER", "synckairos-staging"), rotated);

    Resource result = paas.setSecrets(spec, List.of(redis, postgres));

    assertThat(DotenvFile.read(state.resolve(result.location()))).containsEntry("REDIS_URL", rotated);
    try (Stream<Path> files = Files.list(state.resolve("environments/synckairos-staging"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".env");
    }
  }

  @Test
  void aMissingSourceCredentialIsANonRetryableFailureNamingItAndWritesNothing() {
    secrets.delete(SecretStore.key("POSTGRES_DATABASE", "synckairos-staging"));

    assertThatThrownBy(() -> paas().setSecrets(spec, List.of(redis, postgres)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
        })
        .hasMessageContaining("POSTGRES_DATABASE synckairos-staging")
        .hasMessageContaining("DATABASE_URL");
    assertThat(state.resolve("environments/synckairos-staging/.env")).doesNotExist();
  }

  @Test
  void deletingSecretsRemovesTheFileAndSucceedsWhenAlreadyGone() {
    LocalPaasProvider paas = paas();
    Resource result = paas.setSecrets(spec, List.of(redis, postgres));

    paas.deleteSecrets(result);
    paas.deleteSecrets(result);
    paas.deleteSecrets(Resource.planned(ResourceKind.SECRETS, "local", "synckairos-never"));

    assertThat(state.resolve(result.location())).doesNotExist();
    assertThat(state.resolve("environments/synckairos-staging")).doesNotExist();
  }

  @Test
  void deployWithoutACommandSaysSo() {
    Resource result = paas().setSecrets(spec, List.of(redis, postgres));

    assertThat(paas().deploy(spec, result)).isEqualTo(new DeployReport("no deploy command configured"));
  }

  @Test
  void deployRunsTheCommandInTheEnvironmentDirectoryWithTheSecrets() throws IOException {
    LocalPaasProvider paas = paas();
    Resource result = paas.setSecrets(spec, List.of(redis, postgres));
    EnvironmentSpec deployable = withCommand(
        "test \"$DATABASE_URL\" = '" + DATABASE_URL + "' && test \"$REDIS_URL\" = '" + REDIS_URL + "'"
            + " && pwd > deployed.txt && echo released v1.4.2");

    DeployReport report = paas.deploy(deployable, result);

    assertThat(report.summary()).startsWith("deploy command exited 0").endsWith("last output: released v1.4.2");
    Path environmentDirectory = state.resolve("environments/synckairos-staging");
    assertThat(Files.readString(environmentDirectory.resolve("deployed.txt")).trim())
        .isEqualTo(environmentDirectory.toRealPath().toString());
  }

  @Test
  void aFailingDeployReportsItsExitCodeAndLastOutputWithSecretsRedacted() {
    LocalPaasProvider paas = paas();
    Resource result = paas.setSecrets(spec, List.of(redis, postgres));
    EnvironmentSpec failing = withCommand("echo \"connecting to $DATABASE_URL\";"
        + " echo \"$REDIS_URL\" | sed 's/.*:\\(.*\\)@.*/password \\1/'; echo 'migration lock held' >&2; exit 3");

    assertThatThrownBy(() -> paas.deploy(failing, result))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.DEPLOY_FAILED.name());
        })
        .message()
        .contains("exited with code 3", "connecting to ***", "password ***", "migration lock held")
        .doesNotContain(POSTGRES_PASSWORD)
        .doesNotContain(REDIS_PASSWORD);
  }

  @Test
  void aDeployThatRunsTooLongIsStoppedAndFails() {
    LocalPaasProvider paas = new LocalPaasProvider(state, secrets, new dev.envflow.activities.cloud.ProviderVariables(workerVariables::get),
        new ShellCommandRunner(Duration.ofSeconds(1), Duration.ofMillis(100)));
    Resource result = paas.setSecrets(spec, List.of(redis, postgres));
    long started = System.nanoTime();

    assertThatThrownBy(() -> paas.deploy(withCommand("echo starting; sleep 30"), result))
        .isInstanceOfSatisfying(ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(FailureType.DEPLOY_FAILED.name()))
        .hasMessageContaining("did not finish within 1s")
        .hasMessageContaining("starting");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void deployWithoutTheSecretsFileFails() {
    Resource planned = Resource.planned(ResourceKind.SECRETS, "local", "synckairos-staging");

    assertThatThrownBy(() -> paas().deploy(withCommand("true"), planned))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("set the secrets first");
  }

  @Test
  void deployHeartbeatsWhileItRunsInsideAnActivity() {
    LocalPaasProvider paas = paas();
    Resource result = paas.setSecrets(spec, List.of(redis, postgres));
    TestActivityEnvironment activities = TestActivityEnvironment.newInstance();
    try {
      List<String> heartbeats = new CopyOnWriteArrayList<>();
      activities.registerActivitiesImplementations(new PaasActivitiesImpl(List.of(paas)));
      activities.setActivityHeartbeatListener(String.class, heartbeats::add);
      PaasActivities stub = activities.newActivityStub(PaasActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setHeartbeatTimeout(Duration.ofSeconds(5))
          .build());

      DeployReport report = stub.deploy(withCommand("sleep 1"), result);

      assertThat(report.summary()).startsWith("deploy command exited 0");
      assertThat(heartbeats).isNotEmpty().allSatisfy(h -> assertThat(h).startsWith("deploy command running for"));
    } finally {
      activities.close();
    }
  }

  @Test
  void aFailedDeployInsideAnActivityIsNotRetried() {
    LocalPaasProvider paas = paas();
    Resource result = paas.setSecrets(spec, List.of(redis, postgres));
    TestActivityEnvironment activities = TestActivityEnvironment.newInstance();
    try {
      activities.registerActivitiesImplementations(new PaasActivitiesImpl(List.of(paas)));
      PaasActivities stub = activities.newActivityStub(PaasActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .build());

      assertThatThrownBy(() -> stub.deploy(withCommand("exit 7"), result))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
            assertThat(failure.getType()).isEqualTo(FailureType.DEPLOY_FAILED.name());
            assertThat(failure.getOriginalMessage()).contains("exited with code 7");
          });
    } finally {
      activities.close();
    }
  }

  @Test
  void extraKeysTakeTheirValuesFromTheWorkersVariablesAndNeverFromTheSpec() {
    workerVariables.put("JWT_SECRET", "jwt-s3cret-value");
    EnvironmentSpec withExtra = SampleSpecs.withPaas(spec,
        new PaasSpec("local", "synckairos-staging", null, null, List.of("JWT_SECRET")));

    Resource result = paas().setSecrets(withExtra, List.of(redis, postgres));

    assertThat(result.externalId()).isEqualTo("DATABASE_URL,JWT_SECRET,REDIS_URL");
    assertThat(DotenvFile.read(state.resolve(result.location()))).containsEntry("JWT_SECRET", "jwt-s3cret-value");
  }

  @Test
  void anExtraKeyTheWorkerCannotFillIsANonRetryableFailureNamingIt() {
    EnvironmentSpec withExtra = SampleSpecs.withPaas(spec,
        new PaasSpec("local", "synckairos-staging", null, null, List.of("JWT_SECRET")));

    assertThatThrownBy(() -> paas().setSecrets(withExtra, List.of(redis, postgres)))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
        })
        .hasMessageContaining("paas.secrets lists JWT_SECRET but the worker has no variable JWT_SECRET");
    assertThat(state.resolve("environments/synckairos-staging/.env")).doesNotExist();
  }

  @Test
  void undoingALocalDeploySaysWhatItCannotTakeBack() {
    assertThat(paas().rollbackDeploy(spec, Resource.planned(ResourceKind.SECRETS, "local", "synckairos-staging")).summary())
        .isEqualTo("nothing was deployed");
    assertThat(paas().rollbackDeploy(withCommand("true"), Resource.planned(ResourceKind.SECRETS, "local", "x")).summary())
        .contains("cannot be taken back");
  }

  private EnvironmentSpec withCommand(String command) {
    return SampleSpecs.withPaas(spec, new PaasSpec("local", "synckairos-staging", null, command));
  }
}
