package dev.envflow.worker.cli;

/** Whether this process became a server ({@code up} / {@code serve}) and must outlive {@code main}. */
final class ServerMode {

  private static volatile boolean running;

  private ServerMode() {}

  static void started() {
    running = true;
  }

  static boolean isRunning() {
    return running;
  }
}
