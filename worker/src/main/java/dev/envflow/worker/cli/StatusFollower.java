package dev.envflow.worker.cli;

import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.Phase;
import java.io.PrintWriter;

/** Polls a running service for an environment's status and prints its progress until a final phase. */
final class StatusFollower {

  private static final long POLL_MILLIS = 300;

  private final ApiClient api;
  private final PrintWriter out;

  StatusFollower(ApiClient api, PrintWriter out) {
    this.api = api;
    this.out = out;
  }

  int follow(String id) throws Exception {
    ProgressPrinter printer = new ProgressPrinter(out, "envflow approve %s --as NAME --reason '...'");
    while (true) {
      ApiClient.Answer answer = api.get(ClientCommands.path(id));
      if (answer.ok()) {
        EnvironmentStatus status = api.json().treeToValue(answer.body(), EnvironmentStatus.class);
        printer.update(status);
        if (status.phase().isFinal()) {
          StatusFormatter.describe(status).forEach(out::println);
          return status.phase() == Phase.ACTIVE ? ExitCodes.OK : ExitCodes.FAILED;
        }
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
