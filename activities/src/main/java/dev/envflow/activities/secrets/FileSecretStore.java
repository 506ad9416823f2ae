package dev.envflow.activities.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** A {@link SecretStore} of one file per secret, mode 0600, in a directory of mode 0700. */
public final class FileSecretStore implements SecretStore {

  private final Path directory;

  public FileSecretStore(Path directory) {
    this.directory = directory;
  }

  @Override
  public void put(String key, String value) {
    Path file = fileFor(key);
    try {
      Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path temp = Files.createTempFile(file.getParent(), ".secret", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, value, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store secret " + key, e);
    }
  }

  @Override
  public Optional<String> get(String key) {
    try {
      return Optional.of(Files.readString(fileFor(key), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read secret " + key, e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      Files.deleteIfExists(fileFor(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete secret " + key, e);
    }
  }

  private Path fileFor(String key) {
    return directory.resolve(SecretNames.check(key));
  }
}
