package dev.envflow.worker.cli;

import dev.envflow.worker.EnvflowApplication;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;

/** {@code envflow serve}: the long-running service — worker, REST API and actuator — until stopped. */
@Command(name = "serve", description = "Runs the envflow service (worker + REST API on :8080) until stopped.")
final class ServeCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    SpringApplication application = new SpringApplication(EnvflowApplication.class);
    application.setDefaultProperties(StartupProblems.QUIET_ANALYSIS);
    if (StartupProblems.run(application).isEmpty()) {
      return ExitCodes.FAILED;
    }
    ServerMode.started();
    return ExitCodes.OK;
  }
}
