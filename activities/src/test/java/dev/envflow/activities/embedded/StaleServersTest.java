package dev.envflow.activities.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envflow.activities.testing.LocalServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** What a hard-killed envflow leaves behind is cleaned up; what belongs to others is left alone and named. */
class StaleServersTest {

  private final Path directory = createDirectory();

  @AfterEach
  void cleanUp() {
    LocalServices.deleteRecursively(directory);
  }

  @Test
  void aRedisLeftRunningOnTheSameDirectoryIsStoppedBeforeANewOneStarts() throws Exception {
    int port = freePort();
    EmbeddedRedisServer left = EmbeddedRedisServer.start(directory, port, "secret-1", "ENVFLOW_EMBEDDED_REDIS_PORT");
    long leftPid = StaleServers.readPid(directory.resolve(EmbeddedRedisServer.PID_FILE)).orElseThrow();
    assertThat(StaleServers.commandLine(leftPid)).contains("redis-server");

    try (EmbeddedRedisServer next = EmbeddedRedisServer.start(directory, port, "secret-1", "ENVFLOW_EMBEDDED_REDIS_PORT")) {
      assertThat(ProcessHandle.of(leftPid).map(ProcessHandle::isAlive).orElse(false)).as("the stale server").isFalse();
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        jedis.auth("secret-1");
        assertThat(jedis.ping()).isEqualTo("PONG");
      }
    } finally {
      left.close();
    }
  }

  @Test
  void aPortHeldByAnotherProgramIsOneLineNamingTheSetting() throws Exception {
    try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Throwable thrown = catchThrowable(() ->
          EmbeddedRedisServer.start(directory, foreign.getLocalPort(), "pw", "ENVFLOW_EMBEDDED_REDIS_PORT"));

      assertThat(thrown).isInstanceOf(PortInUseException.class)
          .hasMessage("port " + foreign.getLocalPort() + " for the embedded Redis is used by another program;"
              + " set ENVFLOW_EMBEDDED_REDIS_PORT to a free port (0 picks one)");
    }
  }

  @Test
  void aPidFileOfAProcessThatIsGoneIsRemoved() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path pidFile = directory.resolve("redis.pid");
    Files.writeString(pidFile, gone.pid() + "\n");

    assertThat(StaleServers.stopIfOurs(pidFile, List.of("redis-server"), "TERM")).isFalse();
    assertThat(pidFile).doesNotExist();
  }

  @Test
  void aReusedPidOfAnotherProgramIsLeftAlive() throws Exception {
    Process other = new ProcessBuilder("sleep", "30").start();
    try {
      Path pidFile = directory.resolve("redis.pid");
      Files.writeString(pidFile, other.pid() + "\n");

      assertThat(StaleServers.stopIfOurs(pidFile, List.of("redis-server"), "TERM")).isFalse();
      assertThat(other.isAlive()).isTrue();
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void theWatchdogStopsTheServerWhenItsParentDies() throws Exception {
    Process parent = new ProcessBuilder("sleep", "30").start();
    Process server = new ProcessBuilder("sleep", "60").start();
    try {
      ParentWatchdog watchdog = ParentWatchdog.watch(parent.pid(), server.pid(), "TERM").orElseThrow();
      assertThat(server.waitFor(1500, java.util.concurrent.TimeUnit.MILLISECONDS)).as("alive while its parent lives").isFalse();
      parent.destroyForcibly().waitFor();

      assertThat(server.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).as("server stopped by the watchdog").isTrue();
      watchdog.close();
    } finally {
      server.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path createDirectory() {
    try {
      return Files.createTempDirectory("envflow-stale");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
