package dev.envflow.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * .env.example lists every environment variable envflow reads (found in the code the way
 * {@link EnvironmentVariables} says), each under a one-line comment, none with a secret value, and nothing that
 * nothing reads.
 */
class EnvExampleTest {

  static final String FILE = ".env.example";
  private static final Pattern ENTRY = Pattern.compile("^#?([A-Z][A-Z0-9_]*)=(.*)$");
  private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|_KEY|_AUTH|WEBHOOK).*");

  @Test
  void listsEveryVariableEnvflowReads() {
    Map<String, String> listed = entries();
    List<String> missing = new ArrayList<>();
    EnvironmentVariables.readByEnvflow().forEach((name, where) -> {
      if (!listed.containsKey(name)) {
        missing.add(name + " (read at " + where + ")");
      }
    });
    assertThat(missing).as("variables envflow reads that " + FILE + " does not list: add each with a one-line comment")
        .isEmpty();
  }

  @Test
  void findsTheVariablesOfEveryKindOfRead() {
    assertThat(EnvironmentVariables.readByEnvflow()).containsKeys(
        "TEMPORAL_ADDRESS",                 // application.yml placeholder
        "TEMPORAL_API_KEY",                 // ProviderVariables through a constant
        "ENVFLOW_ADMIN_TOKEN",              // ProviderVariables through Class.CONSTANT
        "ENVFLOW_READINESS_TIMEOUT",        // a constant handed to a helper that reads it
        "ENVFLOW_STATE_DIR",                // System.getenv().getOrDefault
        "DD_SITE",                          // getOrDefault through a constant, with a constant fallback value
        "PGPASSWORD",                       // an environment function
        "ENVFLOW_SERVER",                   // picocli ${env:...}
        "ENVFLOW_JAVA_OPTS",                // the launcher script
        "POSTGRES_PASSWORD",                // docker-compose.yml substitution
        "SLACK_WEBHOOK_URL");               // a secret the examples name
  }

  @Test
  void listsNothingThatNothingReads() {
    List<String> stale = entries().keySet().stream().filter(name -> !EnvironmentVariables.mentionedAnywhere(name)).toList();
    assertThat(stale).as(FILE + " lists variables no code, test, script or compose file mentions").isEmpty();
  }

  @Test
  void everyVariableHasAOneLineCommentAndNoSecretValue() {
    List<String> lines = Repo.read(FILE).lines().toList();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher entry = ENTRY.matcher(lines.get(i));
      if (!entry.matches()) {
        continue;
      }
      String comment = i > 0 ? lines.get(i - 1) : "";
      if (!comment.startsWith("# ") || ENTRY.matcher(comment).matches() || comment.length() < 10) {
        problems.add(entry.group(1) + ": no comment line above it");
      }
      if (SECRET_NAME.matcher(entry.group(1)).matches() && !entry.group(2).isEmpty()) {
        problems.add(entry.group(1) + ": has a value; secrets are left empty");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void composesRequiredSettingsAreTheOnesLeftToFillIn() {
    List<String> toFillIn = Repo.read(FILE).lines().filter(l -> l.matches("^[A-Z][A-Z0-9_]*=$"))
        .map(l -> l.substring(0, l.length() - 1)).toList();
    assertThat(toFillIn).containsExactlyInAnyOrderElementsOf(ComposeFileTest.REQUIRED_SETTINGS.keySet());
  }

  private static Map<String, String> entries() {
    Map<String, String> entries = new LinkedHashMap<>();
    Repo.read(FILE).lines().map(ENTRY::matcher).filter(Matcher::matches).forEach(m -> {
      assertThat(entries).as("listed twice: " + m.group(1)).doesNotContainKey(m.group(1));
      entries.put(m.group(1), m.group(2));
    });
    return entries;
  }
}
