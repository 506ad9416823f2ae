package dev.envflow.worker.cli;

/** Exit codes of the CLI, so scripts can tell bad input from an unreachable service. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;
  static final int UNAVAILABLE = 3;
  static final int REFUSED = 4;

  private ExitCodes() {}
}
