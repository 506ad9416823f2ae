package dev.envflow.activities.paas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with {@code /bin/sh -c}, bounded by a timeout, heartbeating while it runs and keeping the
 * last lines of its combined output. The process and its children are killed on timeout, interruption or
 * a heartbeat that reports cancellation.
 */
public class ShellCommandRunner {

  static final int LINES_KEPT = 20;
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

  private final Duration timeout;
  private final Duration heartbeatInterval;

  public ShellCommandRunner(Duration timeout, Duration heartbeatInterval) {
    this.timeout = timeout;
    this.heartbeatInterval = heartbeatInterval;
  }

  CommandResult run(String command, Path workingDirectory, Map<String, String> environment, Heartbeat heartbeat) {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start /bin/sh", e);
    }
    Deque<String> lastLines = new ArrayDeque<>();
    Thread reader = startOutputReader(process, lastLines);
    try {
      while (!process.waitFor(heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS)) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (elapsed.compareTo(timeout) >= 0) {
          kill(process);
          throw new CommandTimedOutException(timeout, snapshot(lastLines, reader));
        }
        heartbeat.beat("deploy command running for " + elapsed.toSeconds() + "s");
      }
      return new CommandResult(process.exitValue(), Duration.ofNanos(System.nanoTime() - started),
          snapshot(lastLines, reader));
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the deploy command ran", e);
    } catch (RuntimeException e) {
      kill(process);
      throw e;
    }
  }

  private static Thread startOutputReader(Process process, Deque<String> lastLines) {
    Thread reader = new Thread(() -> {
      try (BufferedReader output = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = output.readLine()) != null) {
          synchronized (lastLines) {
            lastLines.addLast(line);
            if (lastLines.size() > LINES_KEPT) {
              lastLines.removeFirst();
            }
          }
        }
      } catch (IOException closed) {
        // The process ended or was killed; what was read is kept.
      }
    }, "deploy-output");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private static List<String> snapshot(Deque<String> lastLines, Thread reader) throws InterruptedException {
    reader.join(OUTPUT_DRAIN.toMillis());
    synchronized (lastLines) {
      return List.copyOf(lastLines);
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
