package dev.envflow.activities.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * An embedded Redis (6.2, with ACL) bound to loopback, persisting keys (append-only file) and ACL users
 * (an ACL file) under the state directory. The {@code default} user is the admin and needs a password.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

  static final String PID_FILE = "redis.pid";
  /**
   * The configuration and the unpacked server live under the data directory: the library's own builder writes both
   * to the system's temporary folder and leaves them there (9 MB each time) when the JVM is killed.
   */
  static final String CONFIG_FILE = "redis.conf";
  static final String BINARY_DIRECTORY = "bin";

  private final RedisServer redis;
  private final int port;
  private final Optional<ParentWatchdog> watchdog;

  private EmbeddedRedisServer(RedisServer redis, int port, Optional<ParentWatchdog> watchdog) {
    this.redis = redis;
    this.port = port;
    this.watchdog = watchdog;
  }

  /** Starts Redis on loopback with {@code dataDirectory} for its files; {@code port} 0 picks a free one. */
  public static EmbeddedRedisServer start(Path dataDirectory, int port, String adminPassword) {
    return start(dataDirectory, port, adminPassword, "the embedded Redis's port setting");
  }

  /**
   * Starts as above, first stopping a Redis a killed envflow left running from the same directory; a
   * {@code port} taken by another program fails with one line naming {@code portSetting}.
   */
  public static EmbeddedRedisServer start(Path dataDirectory, int port, String adminPassword, String portSetting) {
    Path pidFile = dataDirectory.toAbsolutePath().resolve(PID_FILE);
    StaleServers.stopIfOurs(pidFile, List.of("redis-server"), "TERM");
    StaleServers.requireFreePort(port, "Redis", portSetting);
    int chosenPort = port > 0 ? port : freePort();
    try {
      Files.createDirectories(dataDirectory);
      Path aclFile = dataDirectory.resolve("users.acl");
      if (!Files.exists(aclFile)) {
        Files.createFile(aclFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(aclFile, "user default on #" + sha256Hex(adminPassword) + " ~* &* +@all\n");
      }
      Path config = dataDirectory.resolve(CONFIG_FILE);
      Files.writeString(config, String.join("\n", "bind 127.0.0.1", "dir " + dataDirectory.toAbsolutePath(),
          "appendonly yes", "aclfile " + aclFile.toAbsolutePath(), "save \"\"", "pidfile " + pidFile) + "\n");
      Path binaries = Files.createDirectories(dataDirectory.resolve(BINARY_DIRECTORY));
      File executable = ExecutableProvider.newJarResourceProvider(binaries.toFile()).get();
      RedisServer redis = new RedisServer(chosenPort, List.of(executable.getAbsolutePath(),
          config.toAbsolutePath().toString(), "--port", Integer.toString(chosenPort)), false, null, null);
      redis.start();
      Optional<ParentWatchdog> watchdog = awaitPid(pidFile).flatMap(pid -> ParentWatchdog.watch(pid, "TERM"));
      return new EmbeddedRedisServer(redis, chosenPort, watchdog);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Redis in " + dataDirectory, e);
    }
  }

  /** Redis writes its pid file just after it starts listening; give it a moment. */
  private static Optional<Long> awaitPid(Path pidFile) {
    for (int i = 0; i < 50; i++) {
      Optional<Long> pid = StaleServers.readPid(pidFile);
      if (pid.isPresent()) {
        return pid;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Optional.empty();
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    watchdog.ifPresent(ParentWatchdog::close);
    try {
      redis.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded Redis", e);
    }
  }
}
