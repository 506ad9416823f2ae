package dev.envflow.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The fault-injection suite's output (docs/RELIABILITY.md): one line per scenario, {@code scenario runs succeeded
 * leaked}, printed and appended to {@code envflow.chaos.out} (default {@code target/chaos/results.txt}).
 */
final class ChaosReport {

  /** {@code reduced} (what {@code mvn verify} runs) or {@code full} ({@code scripts/chaos.sh --full}). */
  static final String SIZE = System.getProperty("envflow.chaos.size", "reduced");

  private ChaosReport() {}

  static int size(int reduced, int full) {
    return "full".equals(SIZE) ? full : reduced;
  }

  static void line(String scenario, int runs, int succeeded, int leaked, Map<String, ?> notes) {
    String line = String.format("%-28s %5d %9d %6d", scenario, runs, succeeded, leaked)
        + (notes.isEmpty() ? "" : "   " + notes);
    System.out.println("[chaos] " + line);
    Path out = Path.of(System.getProperty("envflow.chaos.out", "target/chaos/results.txt"));
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      if (!Files.exists(out)) {
        Files.writeString(out, String.format("%-28s %5s %9s %6s%n", "scenario", "runs", "succeeded", "leaked"));
      }
      Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
