package dev.envflow.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.worker.cli.EnvflowCommands;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/OPERATIONS.md and the README's "Run it for real" name only what exists: envflow commands, settings,
 * repository files, compose services, alerts, and the workflow's type, task queue, signals and query.
 */
class OperationsDocTest {

  static final String DOC = "docs/OPERATIONS.md";

  private final String doc = Repo.read(DOC);
  private final String readme = Repo.read("README.md");

  @Test
  void everyEnvflowCommandExists() {
    Set<String> commands = EnvflowCommands.names();
    List<String> unknown = new ArrayList<>();
    // in backticks (`envflow status ID`) or at the start of a command line in a code block (./envflow serve)
    Matcher command = Pattern.compile("(?m)(?:`|^(?:[A-Z_]+=\\S+ )*)(?:\\./)?envflow ([a-z][a-z-]*)(?: ([a-z]+))?")
        .matcher(doc + "\n" + readme);
    while (command.find()) {
      String name = command.group(1);
      String withSub = command.group(2) == null ? name : name + " " + command.group(2);
      if (!commands.contains(name) && !commands.contains(withSub)) {
        unknown.add("envflow " + name);
      }
    }
    assertThat(unknown).isEmpty();
    assertThat(commands).contains("serve", "dev-server", "status", "audit", "teardown", "approve", "reject", "schema",
        "token create");
  }

  @Test
  void everySettingIsOneEnvflowReadsOrTheComposeFileNeeds() {
    Set<String> listed = new TreeSet<>();
    Matcher entry = Pattern.compile("(?m)^#?([A-Z][A-Z0-9_]*)=").matcher(Repo.read(EnvExampleTest.FILE));
    while (entry.find()) {
      listed.add(entry.group(1));
    }
    Set<String> named = new TreeSet<>();
    Matcher variable = Pattern.compile("\\b((?:ENVFLOW|TEMPORAL)_[A-Z0-9_]+)\\b").matcher(doc);
    while (variable.find()) {
      named.add(variable.group(1));
    }
    assertThat(named).isNotEmpty().allMatch(listed::contains);
  }

  @Test
  void everyRepositoryPathExists() {
    List<String> missing = new ArrayList<>();
    Matcher path = Pattern.compile("`((?:deploy|docs|examples|workflows|worker|activities|migrations)/[^`\\s<>{}]*)`").matcher(doc);
    while (path.find()) {
      if (!Files.exists(Repo.file(path.group(1)))) {
        missing.add(path.group(1));
      }
    }
    for (String named : List.of(".env.example", "Dockerfile", "docker-compose.yml")) {
      assertThat(doc + readme).contains(named);
      assertThat(Repo.file(named)).exists();
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyComposeServiceAndAlertItNamesExists() {
    Set<String> services = Compose.load().services().keySet();
    Matcher row = Pattern.compile("(?m)^\\| (`[a-z-]+`(?:, `[a-z-]+`)*) \\|").matcher(doc);
    int rows = 0;
    while (row.find()) {
      rows++;
      for (String service : row.group(1).replace("`", "").split(", ")) {
        assertThat(services).as("compose service " + service).contains(service);
      }
    }
    assertThat(rows).isGreaterThanOrEqualTo(7);
    String rules = Repo.read(PrometheusConfigTest.RULES);
    Matcher alert = Pattern.compile("`(Envflow[A-Za-z]+)`").matcher(doc);
    while (alert.find()) {
      assertThat(rules).contains("alert: " + alert.group(1));
    }
  }

  @Test
  void theTemporalUiInputsAreTheWorkflowsOwn() {
    assertThat(doc).contains("| Workflow Type | `" + ProvisionEnvironmentWorkflow.TYPE + "` |");
    String taskQueue = Repo.yaml("worker/src/main/resources/application.yml").path("envflow").path("task-queue").asText();
    assertThat(doc).contains("| Task Queue | `" + taskQueue + "` |").contains("--task-queue " + taskQueue);
    Set<String> methods = new TreeSet<>();
    Arrays.stream(ProvisionEnvironmentWorkflow.class.getMethods()).map(Method::getName).forEach(methods::add);
    assertThat(methods).contains("approve", "reject", "status");
    assertThat(doc).contains("--name approve", "--name status", "{\"by\": \"ana@example.com\", \"reason\":");
    assertThat(doc).contains("`env-{app}-{environment}`");
  }

  @Test
  void theHistoriesItNamesAreWhereReplayTestReadsThem() {
    assertThat(Repo.file("workflows/src/test/resources/histories/provision-happy-path-v1.json")).exists();
    assertThat(Repo.read("workflows/src/test/java/dev/envflow/workflows/ReplayTest.java"))
        .contains("envflow.recordHistories", "src/test/resources/histories");
    assertThat(doc).contains("-Denvflow.recordHistories=v3");
  }
}
