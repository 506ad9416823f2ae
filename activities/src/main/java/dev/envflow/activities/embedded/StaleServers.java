package dev.envflow.activities.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers a previous envflow left running when it was killed hard ({@code kill -9}, OOM): found by the pid file
 * in their own data directory, checked to be the same program (a pid may have been reused), and stopped before
 * a new one starts. A port held by anything else is refused with one line naming the setting that moves it.
 */
public final class StaleServers {

  private static final Logger log = LoggerFactory.getLogger(StaleServers.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(15);

  private StaleServers() {}

  /**
   * Stops the process named in the first line of {@code pidFile} when it is alive and its command line contains
   * every one of {@code mustContain}; removes a pid file whose process is gone. True when something was stopped.
   *
   * @param signal the polite signal first, e.g. {@code INT} (PostgreSQL's fast shutdown) or {@code TERM}
   */
  public static boolean stopIfOurs(Path pidFile, List<String> mustContain, String signal) {
    Optional<Long> pid = readPid(pidFile);
    if (pid.isEmpty()) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      log.info("removing the stale pid file {} (process {} is gone)", pidFile, pid.get());
      deleteQuietly(pidFile);
      return false;
    }
    String commandLine = commandLine(pid.get());
    if (!mustContain.stream().allMatch(commandLine::contains)) {
      log.info("pid {} from {} now belongs to another program; leaving it alone", pid.get(), pidFile);
      deleteQuietly(pidFile);
      return false;
    }
    log.warn("stopping the server a previous envflow left running (pid {}, {})", pid.get(), pidFile.getParent());
    signal(pid.get(), signal);
    if (!waitForExit(process.get(), STOP_WAIT)) {
      process.get().destroyForcibly();
      waitForExit(process.get(), STOP_WAIT);
    }
    deleteQuietly(pidFile);
    return true;
  }

  /** Fails with {@link PortInUseException} when {@code port} on loopback is taken; 0 (any free port) always passes. */
  public static void requireFreePort(int port, String what, String setting) {
    if (port <= 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException taken) {
      throw new PortInUseException("port " + port + " for the embedded " + what + " is used by another program;"
          + " set " + setting + " to a free port (0 picks one)");
    }
  }

  static Optional<Long> readPid(Path pidFile) {
    try {
      String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
      return first.matches("\\d+") ? Optional.of(Long.parseLong(first)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      log.warn("cannot read {}: {}", pidFile, e.getMessage());
      return Optional.empty();
    }
  }

  /** The process's command line from {@code /proc} (arguments joined by spaces), or what the JDK knows. */
  static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("");
    }
  }

  static void signal(long pid, String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start().waitFor();
    } catch (IOException e) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean waitForExit(ProcessHandle process, Duration wait) {
    try {
      process.onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("cannot delete {}: {}", file, e.getMessage());
    }
  }
}
