package dev.envflow.worker.bench;

import dev.envflow.worker.StandaloneEnvflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 1: environments on nop with 100 ms per step, one after another; the critical path is what the steps must
 * take given the concurrent branches ({@link BenchSpecs#CRITICAL_PATH_STEPS} steps), the measured time is from the
 * start request to the result. The ratio is what orchestration costs on top: target at most 1.10.
 */
final class OverheadFigure {

  static final long LATENCY_MS = 100;
  static final double TARGET = 1.10;

  private OverheadFigure() {}

  static BenchReport.Row run(StandaloneEnvflow app, int warmup, int runs) throws Exception {
    double critical = BenchSpecs.CRITICAL_PATH_STEPS * LATENCY_MS;
    List<Double> measured = new ArrayList<>();
    for (int i = 0; i < warmup + runs; i++) {
      double millis = Runs.provisionMillis(app.client(), BenchSpecs.nop("overhead-" + i, "PT0.1S", false));
      if (i >= warmup) {
        measured.add(millis);
      }
    }
    Stats stats = new Stats(measured);
    double p50 = stats.p50() / critical;
    double p95 = stats.p95() / critical;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("runs", runs);
    details.put("latencyPerStepMs", LATENCY_MS);
    details.put("criticalPathMs", critical);
    details.put("measuredP50Ms", BenchReport.round(stats.p50()));
    details.put("measuredP95Ms", BenchReport.round(stats.p95()));
    details.put("ratioP50", BenchReport.round(p50));
    details.put("ratioP95", BenchReport.round(p95));
    details.put("overheadP50Ms", BenchReport.round(stats.p50() - critical));
    details.put("measuredMs", measured.stream().map(BenchReport::round).toList());
    boolean print = Boolean.getBoolean("envflow.bench.timeline");
    details.put("lastRun", Timeline.of(app.client(), "env-bench-overhead-" + (warmup + runs - 1), print ? System.out : null));
    details.put("stepTimes", Timeline.stepTimes(app.bean(io.micrometer.core.instrument.MeterRegistry.class)));
    return new BenchReport.Row("1 overhead ratio (nop, 100 ms/step)",
        String.format(java.util.Locale.ROOT, "p50 %.2f (%s of %s), p95 %.2f (%s)", p50, BenchReport.ms(stats.p50()),
            BenchReport.ms(critical), p95, BenchReport.ms(stats.p95())),
        "<= " + TARGET, p95 <= TARGET, details);
  }
}
