package dev.envflow.worker.bench;

import dev.envflow.activities.testing.LocalServices;
import dev.envflow.worker.StandaloneEnvflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * envflow's benchmark (docs/BENCHMARKS.md): the five figures of one run, printed as a table and written as JSON to
 * {@code envflow.bench.out} (default {@code target/bench/results.json}). Not part of the test suite — surefire only
 * runs it when named, as {@code scripts/bench.sh} does — and it fails only when it cannot measure, never because a
 * target is missed. {@code -Denvflow.bench.size=quick} measures less, for a first look;
 * {@code -Denvflow.bench.figures=1,4} measures only those figures.
 */
class EnvflowBenchmark {

  private record Size(int overheadWarmup, int overheadRuns, int localWarmup, int localRuns, int throughputWarmup,
      int throughput, int waiting, int idleSeconds, int apiClients, int apiRequestsPerClient) {}

  private static final Map<String, Size> SIZES = Map.of(
      "full", new Size(5, 30, 1, 5, 50, 300, 1000, 30, 8, 50),
      "quick", new Size(3, 10, 1, 3, 20, 100, 200, 10, 4, 25));

  @Test
  void measure() throws Exception {
    String sizeName = System.getProperty("envflow.bench.size", "full");
    Size size = SIZES.get(sizeName);
    Path out = Path.of(System.getProperty("envflow.bench.out", "target/bench/results.json")).toAbsolutePath();
    BenchReport report = new BenchReport(sizeName);
    LocalServices.postgres();
    LocalServices.redis();
    Path state = Files.createTempDirectory("envflow-bench");
    Path histograms = out.getParent();
    try {
      // figure 4 as envflow is deployed: the Temporal server in a process of its own, this JVM the worker and API.
      // It runs first: an application closed just before leaves its idle workflow threads, and what they reach, for
      // a minute, and a heap baseline taken then came out 115 MB too high (a negative figure)
      if (!Boolean.getBoolean("envflow.bench.scale.skip-dev-server")) {
        figure(report, "4", "4 scale, worker + dev-server", () -> {
          try (JvmProcess devServer = JvmProcess.startDevServer(histograms.resolve("dev-server.log"));
              StandaloneEnvflow app = StandaloneEnvflow.start(state.resolve("dev-server"), devServer.address(),
                  "bench_scale_inventory", workerArguments())) {
            return ScaleFigure.run(app, size.waiting(), size.idleSeconds(), devServer, histograms);
          }
        });
      }
      // and as envflow up runs it: the in-process test server in the same JVM (its histories on the same heap)
      if (!Boolean.getBoolean("envflow.bench.scale.skip-in-process")) {
        figure(report, "4", "4 scale, all in one JVM", () -> {
          try (StandaloneEnvflow app = StandaloneEnvflow.start(state.resolve("in-process-scale"), "in-process",
              "bench_scale_inventory", workerArguments())) {
            return ScaleFigure.run(app, size.waiting(), size.idleSeconds(), null, histograms);
          }
        });
      }
      if (measures("1") || measures("2") || measures("3") || measures("5")) {
        try (StandaloneEnvflow app = StandaloneEnvflow.start(state.resolve("in-process"), "in-process", "bench_inventory",
            workerArguments())) {
          figure(report, "1", "1 overhead ratio", () -> OverheadFigure.run(app, size.overheadWarmup(), size.overheadRuns()));
          figure(report, "2", "2 local reality", () -> LocalRealityFigure.run(app, size.localWarmup(), size.localRuns()));
          figure(report, "3", "3 throughput", () -> {
            ThroughputFigure.run(app, "warm-", size.throughputWarmup());
            return ThroughputFigure.run(app, "flow-", size.throughput());
          });
          figure(report, "5", "5 API latency", () -> ApiFigure.run(app, size.apiClients(), size.apiRequestsPerClient()));
        }
      }
    } finally {
      LocalServices.deleteRecursively(state);
    }
    report.loadAverageAtEnd();
    report.print(System.out);
    report.write(out);
    System.out.println("[bench] figures written to " + out);
  }

  private static boolean measures(String number) {
    String only = System.getProperty("envflow.bench.figures", "");
    return only.isBlank() || List.of(only.split(",")).contains(number);
  }

  /**
   * The worker's settings when they are to differ from envflow's defaults:
   * {@code -Denvflow.bench.workflow-cache=N} ({@code ENVFLOW_WORKFLOW_CACHE_SIZE}) and
   * {@code -Denvflow.bench.workflow-threads=N} ({@code ENVFLOW_WORKFLOW_THREADS}), and any Spring arguments in
   * {@code -Denvflow.bench.worker-args=--name=value,--other=value}.
   */
  private static List<String> workerArguments() {
    List<String> arguments = new java.util.ArrayList<>();
    String cache = System.getProperty("envflow.bench.workflow-cache", "");
    if (!cache.isBlank()) {
      arguments.add("--ENVFLOW_WORKFLOW_CACHE_SIZE=" + cache);
    }
    String threads = System.getProperty("envflow.bench.workflow-threads", "");
    if (!threads.isBlank()) {
      arguments.add("--ENVFLOW_WORKFLOW_THREADS=" + threads);
    }
    String more = System.getProperty("envflow.bench.worker-args", "");
    if (!more.isBlank()) {
      arguments.addAll(List.of(more.split(",")));
    }
    return arguments;
  }

  private interface Figure {
    BenchReport.Row measure() throws Exception;
  }

  /**
   * Measures a figure unless {@code envflow.bench.figures} (e.g. {@code 1,4}) leaves it out; one that cannot be
   * measured is reported as such, and the others still run.
   */
  private static void figure(BenchReport report, String number, String name, Figure figure) {
    if (!measures(number)) {
      return;
    }
    try {
      report.add(figure.measure());
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      report.add(new BenchReport.Row(name, "not measured: " + e, "-", false, Map.of()));
    }
  }
}
