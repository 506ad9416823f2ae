package dev.envflow.activities.paas;

import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The local PaaS: the application's secrets are a 0600 dotenv file at
 * {@code {state}/environments/{app}-{environment}/.env}, and deploying runs {@code paas.deployCommand} (if any)
 * in that directory with those secrets in its environment. A command cannot be taken back, so undoing a local
 * deploy only says so; removing the secrets removes the file.
 */
public class LocalPaasProvider implements PaasProvider {

  public static final String PROVIDER = "local";

  public static final Duration DEFAULT_DEPLOY_TIMEOUT = Duration.ofMinutes(10);
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
  static final String DOTENV = ".env";
  static final String ENVIRONMENTS_DIRECTORY = "environments";

  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private final Path stateDirectory;
  private final SecretStore secrets;
  private final ProviderVariables workerVariables;
  private final ShellCommandRunner runner;

  /** Extra keys of {@code paas.secrets} are read from this process's environment. */
  public LocalPaasProvider(Path stateDirectory, SecretStore secrets) {
    this(stateDirectory, secrets, new ProviderVariables(System::getenv),
        new ShellCommandRunner(DEFAULT_DEPLOY_TIMEOUT, DEFAULT_HEARTBEAT_INTERVAL));
  }

  public LocalPaasProvider(Path stateDirectory, SecretStore secrets, ProviderVariables workerVariables,
      ShellCommandRunner runner) {
    this.stateDirectory = stateDirectory;
    this.secrets = secrets;
    this.workerVariables = workerVariables;
    this.runner = runner;
  }

  @Override
  public String name() {
    return PROVIDER;
  }

  @Override
  public Resource setSecrets(EnvironmentSpec spec, List<Resource> sources) {
    String name = environmentName(spec.name());
    Map<String, String> variables = new TreeMap<>(ApplicationSecrets.of(spec, sources, secrets, workerVariables));
    Path file = dotenv(name);
    DotenvFile.write(file, variables);
    return new Resource(ResourceKind.SECRETS.name(), spec.paas().provider(), name,
        String.join(",", variables.keySet()), stateDirectory.relativize(file).toString());
  }

  @Override
  public List<String> deleteSecrets(Resource secretsResource) {
    Path file = dotenv(environmentName(secretsResource.name()));
    try {
      Files.deleteIfExists(file);
      deleteIfEmpty(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the secrets of " + secretsResource.name(), e);
    }
    return List.of();
  }

  /** Looks for envflow's dotenv files in the state directory; see {@link LocalPaasOrphans}. */
  @Override
  public OrphanFinder orphanFinder() {
    return new LocalPaasOrphans(this, stateDirectory.resolve(ENVIRONMENTS_DIRECTORY));
  }

  @Override
  public DeployReport rollbackDeploy(EnvironmentSpec spec, Resource secretsResource) {
    String command = spec.paas().deployCommand();
    return new DeployReport(command == null || command.isBlank()
        ? "nothing was deployed"
        : "a local deploy command cannot be taken back; its secrets file is removed with the secrets");
  }

  @Override
  public DeployReport deploy(EnvironmentSpec spec, Resource secretsResource) {
    String command = spec.paas().deployCommand();
    if (command == null || command.isBlank()) {
      return new DeployReport("no deploy command configured");
    }
    Path file = dotenv(environmentName(spec.name()));
    if (!Files.exists(file)) {
      throw deployFailed("the secrets file " + stateDirectory.relativize(file) + " is missing; set the secrets first");
    }
    Map<String, String> variables = DotenvFile.read(file);
    SecretRedactor redactor = new SecretRedactor(variables.values());
    CommandResult result;
    try {
      result = runner.run(command, file.getParent(), variables, Heartbeat.ofCurrentActivity());
    } catch (CommandTimedOutException e) {
      throw deployFailed("the deploy command " + e.getMessage() + output(e.lastLines(), redactor));
    }
    if (result.exitCode() != 0) {
      throw deployFailed("the deploy command exited with code " + result.exitCode() + output(result.lastLines(),
          redactor));
    }
    String lastLine = result.lastLines().isEmpty()
        ? ""
        : "; last output: " + redactor.redact(result.lastLines().get(result.lastLines().size() - 1));
    return new DeployReport("deploy command exited 0 after " + result.duration().toSeconds() + "s in "
        + stateDirectory.relativize(file.getParent()) + lastLine);
  }

  private static String output(List<String> lines, SecretRedactor redactor) {
    if (lines.isEmpty()) {
      return " and printed nothing";
    }
    return "; last output lines:\n" + redactor.redact(String.join("\n", lines));
  }

  private static ApplicationFailure deployFailed(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.DEPLOY_FAILED.name());
  }

  private Path dotenv(String name) {
    return stateDirectory.resolve(ENVIRONMENTS_DIRECTORY).resolve(name).resolve(DOTENV);
  }

  static boolean isEnvironmentName(String name) {
    return name != null && ENVIRONMENT_NAME.matcher(name).matches() && !name.contains("..");
  }

  private static String environmentName(String name) {
    if (!isEnvironmentName(name)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "environment name \"" + name + "\" cannot be used as a directory name", FailureType.INVALID_SPEC.name());
    }
    return name;
  }

  private static void deleteIfEmpty(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (var entries = Files.list(directory)) {
      if (entries.findAny().isEmpty()) {
        Files.deleteIfExists(directory);
      }
    }
  }
}
