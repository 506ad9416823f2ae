package dev.envflow.activities.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tables a migration location promises to create, read from {@code expected-tables.txt} beside its SQL
 * files (one table name per line, {@code #} starts a comment). Understands Flyway's {@code classpath:} and
 * {@code filesystem:} locations; a location without a prefix is a classpath location, as in Flyway.
 */
final class ExpectedTables {

  static final String MANIFEST = "expected-tables.txt";

  private ExpectedTables() {}

  /** The tables listed by the location's manifest, or empty when the location has none. */
  static Optional<List<String>> of(String location) {
    try (InputStream manifest = open(location)) {
      if (manifest == null) {
        return Optional.empty();
      }
      return Optional.of(parse(new String(manifest.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the table manifest of " + location, e);
    }
  }

  static List<String> parse(String text) {
    List<String> tables = new ArrayList<>();
    for (String line : text.split("\n")) {
      String table = line.replaceFirst("#.*", "").trim();
      if (!table.isEmpty()) {
        tables.add(table);
      }
    }
    return tables;
  }

  private static InputStream open(String location) throws IOException {
    if (location.startsWith("filesystem:")) {
      Path manifest = Path.of(location.substring("filesystem:".length())).resolve(MANIFEST);
      return Files.isRegularFile(manifest) ? Files.newInputStream(manifest) : null;
    }
    String folder = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
    String resource = (folder.startsWith("/") ? folder.substring(1) : folder) + "/" + MANIFEST;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return (loader != null ? loader : ExpectedTables.class.getClassLoader()).getResourceAsStream(resource);
  }
}
