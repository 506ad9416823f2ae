package dev.envflow.worker.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The bootstrap admin token: {@code ENVFLOW_ADMIN_TOKEN} when set, else the one in {@code <state dir>/admin-token}
 * (mode 0600), generated there on first start — so a newcomer has nothing to configure and the CLI on the same
 * machine finds it. Only its hash is kept in memory; {@link #toString()} never shows it.
 */
public final class AdminToken {

  public static final String FILE = "admin-token";
  public static final String VARIABLE = "ENVFLOW_ADMIN_TOKEN";

  private final String hash;
  private final Optional<Path> file;

  private AdminToken(String hash, Optional<Path> file) {
    this.hash = hash;
    this.file = file;
  }

  /** Reads the configured token, or the state directory's, generating that one when it is missing. */
  public static AdminToken resolve(Optional<String> configured, Path stateDirectory) {
    if (configured.isPresent()) {
      return new AdminToken(TokenHashes.hash(configured.get()), Optional.empty());
    }
    Path file = stateDirectory.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(stateDirectory);
        Path temp = Files.createTempFile(stateDirectory, ".admin-token", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, TokenHashes.newToken() + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return new AdminToken(TokenHashes.hash(Files.readString(file, StandardCharsets.UTF_8).strip()), Optional.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token at " + file, e);
    }
  }

  public boolean matches(String token) {
    return TokenHashes.sameHash(hash, TokenHashes.hash(token));
  }

  /** Where the generated token is, when it was not configured. */
  public Optional<Path> file() {
    return file;
  }

  @Override
  public String toString() {
    return "AdminToken[" + file.map(f -> "in " + f).orElse("from " + VARIABLE) + "]";
  }
}
