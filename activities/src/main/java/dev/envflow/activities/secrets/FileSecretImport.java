package dev.envflow.activities.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the secrets a {@link FileSecretStore} kept in a directory into a shared store, deleting each file once
 * its value is stored. Names under a kept prefix stay in their files: they belong to this machine (the
 * embedded servers' admin passwords, needed before the database is reachable). A file whose name the shared
 * store already holds with another value is kept, with a warning, for someone to look at.
 */
public final class FileSecretImport {

  private static final Logger log = LoggerFactory.getLogger(FileSecretImport.class);

  private FileSecretImport() {}

  /** Imports every file secret under {@code directory} except those whose name starts with a kept prefix. */
  public static List<String> run(Path directory, SecretStore target, List<String> keptPrefixes) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    FileSecretStore files = new FileSecretStore(directory);
    List<String> imported = new ArrayList<>();
    for (String name : names(directory)) {
      if (keptPrefixes.stream().anyMatch(name::startsWith)) {
        continue;
      }
      String value = files.get(name).orElse(null);
      if (value == null) {
        continue;
      }
      Optional<String> stored = target.get(name);
      if (stored.isPresent() && !stored.get().equals(value)) {
        log.warn("secret {} is both in {} and, with another value, in the shared store; the shared one is used "
            + "and the file is kept", name, directory);
        continue;
      }
      if (stored.isEmpty()) {
        target.put(name, value);
      }
      files.delete(name);
      imported.add(name);
    }
    removeEmptyDirectories(directory);
    if (!imported.isEmpty()) {
      log.info("moved {} secret(s) from {} into the shared secret store", imported.size(), directory);
    }
    return imported;
  }

  private static List<String> names(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(Files::isRegularFile)
          .map(path -> directory.relativize(path).toString().replace('\\', '/'))
          .filter(name -> {
            boolean valid = SecretNames.valid(name);
            if (!valid && !name.substring(name.lastIndexOf('/') + 1).startsWith(".")) {
              log.warn("{} in {} is not a secret name envflow writes; left as is", name, directory);
            }
            return valid;
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the secrets in " + directory, e);
    }
  }

  private static void removeEmptyDirectories(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(directory) && Files.isDirectory(path)) {
          try (Stream<Path> children = Files.list(path)) {
            if (children.findAny().isEmpty()) {
              Files.delete(path);
            }
          }
        }
      }
    } catch (IOException e) {
      log.debug("cannot tidy {}: {}", directory, e.getMessage());
    }
  }
}
