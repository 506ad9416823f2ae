package dev.envflow.worker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's figures: one row per figure (what, measured, target, met?) printed as a table, and every number
 * with the machine it was measured on written as JSON.
 */
final class BenchReport {

  /** One figure: its headline value against its target, and its details. */
  record Row(String figure, String measured, String target, Boolean met, Map<String, Object> details) {}

  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Object> machine = new LinkedHashMap<>();

  BenchReport(String size) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    machine.put("when", Instant.now().toString());
    machine.put("size", size);
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + os.getArch());
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    machine.put("loadAverageAtStart", round(os.getSystemLoadAverage()));
  }

  synchronized void add(Row row) {
    rows.add(row);
    System.out.println("[bench] " + row.figure() + ": " + row.measured() + " (target " + row.target() + ")");
  }

  void loadAverageAtEnd() {
    machine.put("loadAverageAtEnd", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
  }

  void print(PrintStream out) {
    out.println();
    out.println("envflow benchmark — " + machine);
    out.println(String.format(Locale.ROOT, "%-44s | %-58s | %-14s | %s", "figure", "measured", "target", "met"));
    out.println("-".repeat(44) + "-+-" + "-".repeat(58) + "-+-" + "-".repeat(14) + "-+----");
    for (Row row : rows) {
      out.println(String.format(Locale.ROOT, "%-44s | %-58s | %-14s | %s", row.figure(), row.measured(), row.target(),
          row.met() == null ? "-" : row.met() ? "yes" : "NO"));
    }
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", machine);
    json.put("figures", rows);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  static String ms(double millis) {
    return String.format(Locale.ROOT, "%.0f ms", millis);
  }
}
