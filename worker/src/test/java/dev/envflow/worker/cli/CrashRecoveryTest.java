package dev.envflow.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code envflow up} killed hard in the middle of provisioning: its embedded servers die with it, and the next
 * {@code envflow up} on the same state directory finishes the environment with no manual step. A port taken by
 * another program is one line naming the setting, never a stack trace.
 */
class CrashRecoveryTest {

  @TempDir Path state;

  @Test
  void killedDuringProvisioningTheNextUpFinishesTheEnvironmentAndLeavesNoProcessBehind() throws Exception {
    int postgresPort = freePort();
    int redisPort = freePort();
    Process first = start(postgresPort, redisPort, "up", "--exit", "../examples/synckairos-local.json");
    StringBuilder firstOutput = new StringBuilder();
    CountDownLatch provisioning = new CountDownLatch(1);
    Thread reader = new Thread(() -> read(first, firstOutput, "… postgres.migrate", provisioning));
    reader.start();
    assertThat(provisioning.await(3, TimeUnit.MINUTES)).as(firstOutput.toString()).isTrue();
    List<Long> servers = serverPids();
    assertThat(servers).as("the embedded PostgreSQL and Redis pids").hasSize(2);

    first.destroyForcibly().waitFor();
    for (long pid : servers) {
      Optional<ProcessHandle> server = ProcessHandle.of(pid);
      if (server.isPresent()) {
        server.get().onExit().get(20, TimeUnit.SECONDS);
      }
    }

    Process second = start(postgresPort, redisPort, "up", "--exit", "../examples/synckairos-local.json");
    StringBuilder secondOutput = new StringBuilder();
    read(second, secondOutput, null, null);
    assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(second.exitValue()).as(secondOutput.toString()).isZero();
    assertThat(secondOutput.toString()).contains("== ACTIVE").doesNotContain("Exception");
    assertThat(serverPids()).as("servers still running after the second up").isEmpty();
  }

  @Test
  void aPortTakenByAnotherProgramIsOneLineNamingTheSetting() throws Exception {
    try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Process up = start(foreign.getLocalPort(), freePort(), "up", "--exit", "../examples/synckairos-local.json");
      StringBuilder output = new StringBuilder();
      read(up, output, null, null);
      assertThat(up.waitFor(2, TimeUnit.MINUTES)).isTrue();

      assertThat(up.exitValue()).isEqualTo(ExitCodes.FAILED);
      assertThat(output.toString()).contains("envflow: port " + foreign.getLocalPort()
          + " for the embedded PostgreSQL is used by another program; set ENVFLOW_EMBEDDED_POSTGRES_PORT")
          .doesNotContain("\tat ").doesNotContain("Exception");
    }
  }

  /** The pids in the embedded servers' pid files whose processes are alive. */
  private List<Long> serverPids() throws IOException {
    List<Long> pids = new ArrayList<>();
    for (Path pidFile : List.of(state.resolve("postgres/data/postmaster.pid"), state.resolve("redis/redis.pid"))) {
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          pids.add(pid);
        }
      }
    }
    return pids;
  }

  private Process start(int postgresPort, int redisPort, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EnvflowMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of(
        "ENVFLOW_STATE_DIR", state.toString(),
        "ENVFLOW_PORT", "0",
        "ENVFLOW_EMBEDDED_POSTGRES_PORT", Integer.toString(postgresPort),
        "ENVFLOW_EMBEDDED_REDIS_PORT", Integer.toString(redisPort),
        "ENVFLOW_EMBEDDED_PROBELOCALHOST", "false"));
    builder.environment().remove("TEMPORAL_ADDRESS");
    return builder.start();
  }

  private static void read(Process process, StringBuilder output, String marker, CountDownLatch seen) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (output) {
          output.append(line).append('\n');
        }
        if (marker != null && line.contains(marker)) {
          seen.countDown();
        }
      }
    } catch (IOException e) {
      // the process was killed
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
