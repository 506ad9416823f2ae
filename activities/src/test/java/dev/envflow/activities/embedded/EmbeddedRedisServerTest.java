package dev.envflow.activities.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.activities.testing.LocalServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The embedded Redis keeps its configuration and unpacked server under its data directory, so a killed envflow (or
 * test) leaves nothing in the system's temporary folder.
 */
class EmbeddedRedisServerTest {

  private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

  private final Path directory = createDirectory();

  @AfterEach
  void cleanUp() {
    LocalServices.deleteRecursively(directory);
  }

  @Test
  void runsFromItsDataDirectoryAndWritesNothingToTheTemporaryFolder() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    try (EmbeddedRedisServer redis = EmbeddedRedisServer.start(directory, 0, "secret-1")) {
      try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
        jedis.auth("default", "secret-1");
        assertThat(jedis.ping()).isEqualTo("PONG");
      }
      long pid = StaleServers.readPid(directory.resolve(EmbeddedRedisServer.PID_FILE)).orElseThrow();
      String command = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8)
          .replace('\0', ' ');
      // Redis rewrites its process title to "executable host:port", so only the executable shows
      assertThat(command).startsWith(directory.resolve(EmbeddedRedisServer.BINARY_DIRECTORY).toAbsolutePath().toString());
      assertThat(directory.resolve(EmbeddedRedisServer.CONFIG_FILE)).content().contains("aclfile ", "appendonly yes");
      assertThat(madeInTemp(before)).as("the library's own temporary config and binary folder").isEmpty();
    }
  }

  /** What the embedded-redis library writes to the temporary folder by default, made since {@code since}. */
  private static List<Path> madeInTemp(Instant since) throws Exception {
    try (Stream<Path> entries = Files.list(TEMP)) {
      return entries.filter(path -> path.getFileName().toString().startsWith("embedded-redis-server_")
              || path.getFileName().toString().matches("redis-\\d+"))
          .filter(path -> modifiedSince(path, since))
          .toList();
    }
  }

  private static boolean modifiedSince(Path path, Instant since) {
    try {
      return Files.getLastModifiedTime(path).compareTo(FileTime.from(since)) >= 0;
    } catch (java.io.IOException gone) {
      return false;
    }
  }

  private static Path createDirectory() {
    try {
      return Files.createTempDirectory("envflow-embedded-redis");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
