package dev.envflow.activities.paas;

import java.time.Duration;
import java.util.List;

/** A command ran past its time limit and was killed. */
class CommandTimedOutException extends RuntimeException {

  private final List<String> lastLines;

  CommandTimedOutException(Duration timeout, List<String> lastLines) {
    super("did not finish within " + timeout.toSeconds() + "s and was stopped");
    this.lastLines = List.copyOf(lastLines);
  }

  List<String> lastLines() {
    return lastLines;
  }
}
