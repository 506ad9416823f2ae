package dev.envflow.worker.cli;

/** A client command's failure, with the message to show and the exit code to end with. */
final class ClientException extends RuntimeException {

  private final int exitCode;

  ClientException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
