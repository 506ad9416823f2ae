package dev.envflow.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's command as a newcomer runs it, in its own process on a fresh state directory: everything
 * embedded, a readable progress display, ACTIVE; then again on the same directory, adopting what exists.
 */
class UpCommandTest {

  @TempDir Path state;

  @Test
  void upBringsTheExampleToActiveAndARerunAdoptsWhatExists() throws Exception {
    Run cold = up();
    assertThat(cold.exit()).as(cold.output()).isZero();
    assertThat(cold.output())
        .contains("envflow up ../examples/synckairos-local.json → env-synckairos-staging")
        .contains("✓ redis.create", "✓ postgres.migrate", "3 migration(s) applied", "✓ secrets", "✓ deploy", "== ACTIVE")
        .contains("env-synckairos-staging is ACTIVE after");
    assertThat(Files.readString(state.resolve("environments/synckairos-staging/.env"))).contains("DATABASE_URL=", "REDIS_URL=");
    String password = Files.readAllLines(state.resolve("environments/synckairos-staging/.env")).stream()
        .filter(l -> l.startsWith("DATABASE_URL=")).findFirst().orElseThrow().replaceAll(".*://[^:]+:([^@]+)@.*", "$1");
    assertThat(cold.output()).doesNotContain(password);

    Run warm = up();
    assertThat(warm.exit()).as(warm.output()).isZero();
    assertThat(warm.output()).contains("0 migration(s) applied", "== ACTIVE");
  }

  @Test
  void aBadSpecIsRefusedBeforeAnythingStarts() throws Exception {
    Path bad = state.resolve("bad.json");
    Files.writeString(bad, "{\"app\": \"synckairos\", \"environment\": \"staging\", \"redis\": {\"provider\": \"upstsh\"}}");

    Run run = envflow("up", bad.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.output()).contains("nothing was created", "redis.provider: unknown provider \"upstsh\"");
    assertThat(state.resolve("postgres")).doesNotExist();
  }

  record Run(int exit, String output) {}

  private Run up() throws Exception {
    return envflow("up", "--exit", "../examples/synckairos-local.json");
  }

  private Run envflow(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EnvflowMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of(
        "ENVFLOW_STATE_DIR", state.toString(),
        "ENVFLOW_PORT", "0",
        "ENVFLOW_EMBEDDED_POSTGRES_PORT", "0",
        "ENVFLOW_EMBEDDED_REDIS_PORT", "0",
        "ENVFLOW_EMBEDDED_PROBELOCALHOST", "false"));
    builder.environment().remove("TEMPORAL_ADDRESS");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), output);
  }
}
