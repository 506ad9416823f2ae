package dev.envflow.activities.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a {@link KeyRing} comes from: the variable when it is set (e.g. {@code ENVFLOW_CODEC_KEYS}), else a
 * file in the state directory in the same format, generated with one random key (mode 0600) when missing.
 */
public final class KeyRingFile {

  private static final Logger log = LoggerFactory.getLogger(KeyRingFile.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private KeyRingFile() {}

  /** The ring from {@code value} (the variable {@code variable}) when not blank, else from {@code file}. */
  public static KeyRing load(String variable, String value, Path file) {
    if (value != null && !value.isBlank()) {
      return KeyRing.parse(variable, value);
    }
    try {
      if (!Files.exists(file)) {
        generate(variable, file);
      }
      warnWhenOthersCanRead(file);
      return KeyRing.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key file " + file, e);
    }
  }

  private static void generate(String variable, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".keys", ".tmp",
        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      Files.writeString(temp, KeyRing.generate() + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file);
      log.info("{} is not set: generated a key into {} (mode 0600). Every worker, API and codec server sharing "
          + "this Temporal namespace or database needs the same keys: copy them into {} there.", variable, file, variable);
    } catch (FileAlreadyExistsException e) {
      log.debug("{} was created meanwhile by another process; using it", file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void warnWhenOthersCanRead(Path file) throws IOException {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        log.warn("{} is readable by others ({}): it holds encryption keys; chmod 600 it",
            file, PosixFilePermissions.toString(permissions));
      }
    } catch (UnsupportedOperationException e) {
      log.debug("no POSIX permissions on {}", file);
    }
  }
}
