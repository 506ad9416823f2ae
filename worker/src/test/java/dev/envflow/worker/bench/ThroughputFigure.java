package dev.envflow.worker.bench;

import dev.envflow.worker.StandaloneEnvflow;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 3: environments on nop with no latency, all started at once (eight client threads); environments completed
 * per second from the first start to the last completion, and activities run per second (every attempt, from
 * envflow's {@code envflow.step} metric). Target: at least 15 environments a second on 2 cores.
 */
final class ThroughputFigure {

  static final double TARGET = 15;

  private ThroughputFigure() {}

  static BenchReport.Row run(StandaloneEnvflow app, String prefix, int environments) throws Exception {
    MeterRegistry registry = app.bean(MeterRegistry.class);
    long activitiesBefore = Runs.activitiesRun(registry);
    long cpuBefore = Runs.cpuNanos();
    AtomicLong lastDone = new AtomicLong();
    List<CompletableFuture<ProvisionResult>> results = new ArrayList<>();
    ExecutorService starters = Executors.newFixedThreadPool(8);
    long started = System.nanoTime();
    try {
      List<CompletableFuture<CompletableFuture<ProvisionResult>>> starts = new ArrayList<>();
      for (int i = 0; i < environments; i++) {
        String environment = prefix + i;
        starts.add(CompletableFuture.supplyAsync(() -> {
          String id = Runs.start(app.client(), BenchSpecs.nop(environment, "PT0S", false));
          return Runs.result(app.client(), id).whenComplete((r, e) -> lastDone.accumulateAndGet(System.nanoTime(), Math::max));
        }, starters));
      }
      for (var start : starts) {
        results.add(start.get(5, TimeUnit.MINUTES));
      }
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    } finally {
      starters.shutdownNow();
    }
    double seconds = (lastDone.get() - started) / 1e9;
    long active = results.stream().filter(r -> r.join().phase() == Phase.ACTIVE).count();
    long activities = Runs.activitiesRun(registry) - activitiesBefore;
    double cpuCores = (Runs.cpuNanos() - cpuBefore) / 1e9 / seconds;
    double perSecond = environments / seconds;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environments", environments);
    details.put("active", active);
    details.put("seconds", BenchReport.round(seconds));
    details.put("environmentsPerSecond", BenchReport.round(perSecond));
    details.put("activities", activities);
    details.put("activitiesPerEnvironment", BenchReport.round((double) activities / environments));
    details.put("activitiesPerSecond", BenchReport.round(activities / seconds));
    details.put("jvmCpuCoresUsed", BenchReport.round(cpuCores));
    return new BenchReport.Row("3 throughput (nop, no latency)",
        String.format(java.util.Locale.ROOT, "%.1f environments/s, %.0f activities/s (%d ACTIVE of %d)", perSecond,
            activities / seconds, active, environments),
        ">= " + (int) TARGET + "/s", perSecond >= TARGET && active == environments, details);
  }
}
