package dev.envflow.worker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The specs the benchmark provisions. */
final class BenchSpecs {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Each nop step takes {@code latency}, so the critical path is {@value #CRITICAL_PATH_STEPS} steps: the PostgreSQL
   * branch (create, ready, migrate, validate — the longest of the three concurrent ones), then secrets, deploy and
   * the metrics check.
   */
  static final int CRITICAL_PATH_STEPS = 7;

  private BenchSpecs() {}

  /** Every kind on nop with a metrics check; {@code production} waits for ana's approval. */
  static ObjectNode nop(String environment, String latency, boolean production) {
    ObjectNode spec = JSON.createObjectNode().put("app", "bench").put("environment", environment)
        .put("requestedBy", "dev@example.com");
    spec.putObject("redis").put("provider", "nop");
    spec.putObject("postgres").put("provider", "nop");
    spec.putObject("monitoring").put("provider", "nop").putObject("metricsCheck");
    spec.putObject("paas").put("provider", "nop");
    spec.putObject("nop").put("latency", latency);
    if (production) {
      spec.put("tier", "production");
      spec.putObject("approval").put("timeout", "PT72H").putArray("approvers").add("ana@example.com");
    }
    return spec;
  }

  /** examples/synckairos-local.json as environment {@code environment}: the real local providers. */
  static ObjectNode local(String environment) {
    try {
      ObjectNode spec = (ObjectNode) JSON.readTree(Path.of("..", "examples", "synckairos-local.json").toFile());
      spec.put("environment", environment);
      ((ObjectNode) spec.get("paas")).put("app", "synckairos-" + environment);
      return spec;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
