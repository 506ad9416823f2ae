package dev.envflow.worker.bench;

import dev.envflow.activities.inventory.Inventory;
import dev.envflow.worker.StandaloneEnvflow;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.model.DecisionRequest;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.worker.WorkerCacheProbe;
import io.temporal.worker.WorkerFactory;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Figure 4: production environments on nop waiting for approval at once. Heap per waiting environment after full
 * collections — the in-process Temporal server's histories and the worker's cached workflows together, then the
 * worker's cache emptied to tell the two apart — the JVM's CPU while they all wait, and the time to approve them all
 * (through the {@code decide} update, sixteen at a time) until every one is ACTIVE. Target: at most 40 KB each and
 * idle CPU near zero.
 */
final class ScaleFigure {

  static final double TARGET_KB = 40;

  private ScaleFigure() {}

  /**
   * Waits until no activity has run for three seconds: an environment is AWAITING_APPROVAL in the inventory before
   * its approvers' notification is sent, so "all waiting" is not yet "all idle".
   */
  private static void awaitQuiet(MeterRegistry registry) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    long last = Runs.activitiesRun(registry);
    int quietSeconds = 0;
    while (quietSeconds < 3 && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      long now = Runs.activitiesRun(registry);
      quietSeconds = now == last ? quietSeconds + 1 : 0;
      last = now;
    }
  }

  private static Map<Long, Long> threadCpu() {
    var threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new java.util.HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      cpu.put(id, threads.getThreadCpuTime(id));
    }
    return cpu;
  }

  /** The threads (numbers in their names folded) that used the most CPU since {@code before}, in milliseconds. */
  private static Map<String, Long> busiestThreads(Map<Long, Long> before) {
    var threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> byName = new java.util.HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      var info = threads.getThreadInfo(id);
      long used = threads.getThreadCpuTime(id) - before.getOrDefault(id, 0L);
      if (info != null && used > 0) {
        byName.merge(info.getThreadName().replaceAll("[0-9]+", "#"), used / 1_000_000, Long::sum);
      }
    }
    Map<String, Long> top = new LinkedHashMap<>();
    byName.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(5)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }

  static BenchReport.Row run(StandaloneEnvflow app, int environments, int idleSeconds) throws Exception {
    Inventory inventory = app.bean(Inventory.class);
    WorkerFactory workers = app.bean(WorkerFactory.class);
    long heapBefore = Runs.heapAfterGc();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    List<String> ids = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long started = System.nanoTime();
    try {
      List<CompletableFuture<String>> starts = new ArrayList<>();
      for (int i = 0; i < environments; i++) {
        String environment = "wait-" + i;
        starts.add(CompletableFuture.supplyAsync(
            () -> Runs.start(app.client(), BenchSpecs.nop(environment, "PT0S", true)), pool));
      }
      for (var start : starts) {
        ids.add(start.get(5, TimeUnit.MINUTES));
      }
      long waiting;
      do {
        Thread.sleep(500);
        waiting = inventory.listEnvironments().stream()
            .filter(e -> e.id().startsWith("env-bench-wait-") && e.phase() == Phase.AWAITING_APPROVAL).count();
      } while (waiting < environments && System.nanoTime() - started < TimeUnit.MINUTES.toNanos(10));
      double secondsToWaiting = (System.nanoTime() - started) / 1e9;
      awaitQuiet(app.bean(MeterRegistry.class));
      long heapWaiting = Runs.heapAfterGc();
      long cached = WorkerCacheProbe.size(workers);
      int threadsWaiting = ManagementFactory.getThreadMXBean().getThreadCount();

      Map<Long, Long> threadCpuBefore = threadCpu();
      long cpuBefore = Runs.cpuNanos();
      long idleStart = System.nanoTime();
      Thread.sleep(idleSeconds * 1000L);
      double idleCpu = (Runs.cpuNanos() - cpuBefore) / (double) (System.nanoTime() - idleStart);
      Map<String, Long> busiest = busiestThreads(threadCpuBefore);

      WorkerCacheProbe.invalidateAll(workers);
      long heapWithoutCache = Runs.heapAfterGc();

      long approveStart = System.nanoTime();
      List<CompletableFuture<ProvisionResult>> results = new ArrayList<>();
      for (String id : ids) {
        results.add(CompletableFuture.supplyAsync(() -> {
          app.client().newWorkflowStub(ProvisionEnvironmentWorkflow.class, id)
              .decide(new DecisionRequest(DecisionRequest.APPROVE, "ana@example.com", "benchmark"));
          return Runs.result(app.client(), id).join();
        }, pool));
      }
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(20, TimeUnit.MINUTES);
      double approveSeconds = (System.nanoTime() - approveStart) / 1e9;
      long active = results.stream().filter(r -> r.join().phase() == Phase.ACTIVE).count();

      double perEnvironmentKb = (heapWaiting - heapBefore) / 1024.0 / environments;
      double workerCacheKb = (heapWaiting - heapWithoutCache) / 1024.0 / Math.max(1, cached);
      double serverKb = (heapWithoutCache - heapBefore) / 1024.0 / environments;
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("environments", environments);
      details.put("secondsUntilAllWaiting", BenchReport.round(secondsToWaiting));
      details.put("heapBeforeMb", BenchReport.round(heapBefore / 1048576.0));
      details.put("heapWaitingMb", BenchReport.round(heapWaiting / 1048576.0));
      details.put("heapPerWaitingEnvironmentKb", BenchReport.round(perEnvironmentKb));
      details.put("workflowsInWorkerCache", cached);
      details.put("heapPerCachedWorkflowKb", BenchReport.round(workerCacheKb));
      details.put("heapPerEnvironmentWithoutWorkerCacheKb", BenchReport.round(serverKb));
      details.put("threadsBefore", threadsBefore);
      details.put("threadsWaiting", threadsWaiting);
      details.put("idleSeconds", idleSeconds);
      details.put("idleCpuCores", BenchReport.round(idleCpu));
      details.put("idleCpuMsByThread", busiest);
      details.put("secondsToApproveAll", BenchReport.round(approveSeconds));
      details.put("approvalsPerSecond", BenchReport.round(environments / approveSeconds));
      details.put("activeAfterApproval", active);
      return new BenchReport.Row("4 scale (" + environments + " waiting for approval)",
          String.format(java.util.Locale.ROOT, "%.1f KB each, idle CPU %.1f%% of a core, all approved in %.1f s",
              perEnvironmentKb, idleCpu * 100, approveSeconds),
          "<= " + (int) TARGET_KB + " KB", perEnvironmentKb <= TARGET_KB && active == environments, details);
    } finally {
      pool.shutdownNow();
    }
  }
}
