package dev.envflow.activities.embedded;

import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a server envflow started die with envflow even when envflow is killed hard: a tiny shell loop, started
 * beside the server, waits for envflow's process to disappear and then signals the server. On a normal stop the
 * watchdog is stopped first, so it never signals a pid that may have been reused.
 */
public final class ParentWatchdog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ParentWatchdog.class);
  private final Process process;

  private ParentWatchdog(Process process) {
    this.process = process;
  }

  /** Watches this JVM on behalf of {@code serverPid}; empty when no shell is available (then the next start cleans up). */
  public static Optional<ParentWatchdog> watch(long serverPid, String signal) {
    return watch(ProcessHandle.current().pid(), serverPid, signal);
  }

  static Optional<ParentWatchdog> watch(long parent, long serverPid, String signal) {
    String loop = "while kill -0 " + parent + " 2>/dev/null; do sleep 1; done; kill -" + signal + " " + serverPid
        + " 2>/dev/null";
    try {
      Process process = new ProcessBuilder("sh", "-c", loop)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      return Optional.of(new ParentWatchdog(process));
    } catch (IOException e) {
      log.debug("no watchdog for pid {}: {}", serverPid, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}
