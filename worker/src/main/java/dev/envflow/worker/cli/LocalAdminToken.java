package dev.envflow.worker.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The admin token that {@code envflow up} / {@code serve} generated into the state directory: what the CLI
 * uses when no token is given and the server runs on this machine, so a newcomer configures nothing.
 */
final class LocalAdminToken {

  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private LocalAdminToken() {}

  static Optional<String> forServer(String server) {
    String host;
    try {
      host = URI.create(server).getHost();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (host == null || !LOCAL_HOSTS.contains(host)) {
      return Optional.empty();
    }
    String stateDir = System.getenv().getOrDefault("ENVFLOW_STATE_DIR", ".envflow");
    Path file = Path.of(stateDir.isBlank() ? ".envflow" : stateDir, "admin-token");
    try {
      return Files.isReadable(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
