package dev.envflow.worker.cli;

import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring application for {@code up} and {@code serve}, turning the start-up problems people meet
 * (a port taken by another program) into one line naming the setting that fixes it, instead of a stack trace.
 */
final class StartupProblems {

  /**
   * Spring's own report of a failed start is replaced by the one line printed here (an unknown failure still
   * ends in Spring's "Application run failed" with its stack trace).
   */
  static final Map<String, Object> QUIET_ANALYSIS = Map.of(
      "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "OFF",
      "logging.level.org.springframework.boot.web.embedded.tomcat.TomcatStarter", "OFF",
      "logging.level.org.springframework.boot.web.servlet.context", "ERROR");

  private StartupProblems() {}

  /** Runs {@code application}; empty (after printing the problem) when it could not start for a known reason. */
  static Optional<ConfigurableApplicationContext> run(SpringApplication application) {
    try {
      return Optional.of(application.run());
    } catch (RuntimeException e) {
      Optional<String> known = describe(e);
      if (known.isEmpty()) {
        throw e;
      }
      System.err.println("envflow: " + known.get());
      return Optional.empty();
    }
  }

  static Optional<String> describe(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof dev.envflow.activities.embedded.PortInUseException ours) {
        return Optional.of(ours.getMessage());
      }
      if (cause instanceof org.springframework.boot.web.server.PortInUseException web) {
        return Optional.of("port " + web.getPort() + " for envflow's API is used by another program; set ENVFLOW_PORT"
            + " to a free port (0 picks one)");
      }
    }
    return Optional.empty();
  }
}
