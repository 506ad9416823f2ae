package dev.envflow.activities.paas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dotenv file of single-quoted {@code KEY='value'} lines (literal to docker compose and most dotenv
 * readers), created with mode 0600 in a 0700 directory and replaced atomically.
 */
final class DotenvFile {

  /** The first line of every dotenv file envflow writes: its mark. */
  static final String HEADER = "# Written by envflow. Do not edit: re-provisioning replaces it.";

  private DotenvFile() {}

  /** Whether {@code file} is a regular file that starts with envflow's {@link #HEADER}. */
  static boolean isEnvflows(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.findFirst().filter(HEADER::equals).isPresent();
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  static void write(Path file, Map<String, String> variables) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    variables.forEach((key, value) -> {
      if (value.contains("'") || value.contains("\n") || value.contains("\r")) {
        throw new IllegalArgumentException("the value of " + key + " cannot be written to a dotenv file");
      }
      text.append(key).append("='").append(value).append("'\n");
    });
    try {
      Files.createDirectories(file.getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path temp = Files.createTempFile(file.getParent(), ".env", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file.getFileName() + " in " + file.getParent(), e);
    }
  }

  static Map<String, String> read(Path file) {
    Map<String, String> variables = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int equals = line.indexOf('=');
        if (line.isBlank() || line.startsWith("#") || equals < 1) {
          continue;
        }
        String value = line.substring(equals + 1);
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
          value = value.substring(1, value.length() - 1);
        }
        variables.put(line.substring(0, equals).trim(), value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.getFileName() + " in " + file.getParent(), e);
    }
    return variables;
  }
}
