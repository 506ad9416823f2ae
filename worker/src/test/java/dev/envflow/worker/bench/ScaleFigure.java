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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Figure 4: production environments on nop waiting for approval at once. Heap per waiting environment after full
 * collections in this JVM — the worker and API, with the Temporal server either in a process of its own (then its
 * live heap, resident memory, CPU and threads are measured apart) or in this JVM too — then the worker's cache
 * emptied to tell the cached workflows from the rest; CPU by thread while they all wait; the time to approve them all
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

  /**
   * Measures {@code environments} waiting on {@code app}. With {@code devServer}, the Temporal server is that process
   * and this JVM holds only the worker and the API (how envflow is deployed); without it, the server is in this JVM
   * ({@code envflow up}). Class histograms of both JVMs go to {@code histograms} when it is not null.
   */
  /** The most common thread names (numbers folded) in this JVM and how many threads bear each. */
  private static Map<String, Long> threadsByName() {
    Map<String, Long> byName = new java.util.HashMap<>();
    Thread.getAllStackTraces().keySet()
        .forEach(thread -> byName.merge(thread.getName().replaceAll("[0-9]+", "#"), 1L, Long::sum));
    Map<String, Long> top = new LinkedHashMap<>();
    byName.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(5)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }

  static BenchReport.Row run(StandaloneEnvflow app, int environments, int idleSeconds, JvmProcess devServer,
      Path histograms) throws Exception {
    Inventory inventory = app.bean(Inventory.class);
    WorkerFactory workers = app.bean(WorkerFactory.class);
    boolean emptyCache = !Boolean.getBoolean("envflow.bench.scale.keep-cache");
    String label = devServer == null ? "in-process" : "dev-server";
    long self = ProcessHandle.current().pid();
    String workerHistogramBefore = histograms == null ? null : JvmProcess.classHistogram(self);
    long heapBefore = Runs.heapAfterGc();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    String serverHistogramBefore = devServer == null ? null : JvmProcess.classHistogram(devServer.pid());
    long serverLiveBefore = devServer == null ? 0 : JvmProcess.liveBytes(serverHistogramBefore);
    long serverRssBefore = devServer == null ? 0 : JvmProcess.residentBytes(devServer.pid());
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
      long quiet = System.nanoTime();
      Map<Long, Long> threadCpuBefore = threadCpu();
      Map<String, Long> serverThreadsBefore = devServer == null ? Map.of() : JvmProcess.threadCpuMs(devServer.pid());
      long serverCpuBefore = devServer == null ? 0 : JvmProcess.cpuMs(devServer.pid());
      long cpuBefore = Runs.cpuNanos();
      long idleStart = System.nanoTime();
      Thread.sleep(idleSeconds * 1000L);
      long idleNanos = System.nanoTime() - idleStart;
      double idleCpu = (Runs.cpuNanos() - cpuBefore) / (double) idleNanos;
      Map<String, Long> busiest = busiestThreads(threadCpuBefore);
      double serverIdleCpu = devServer == null ? 0
          : (JvmProcess.cpuMs(devServer.pid()) - serverCpuBefore) * 1e6 / idleNanos;
      Map<String, Long> serverBusiest = devServer == null ? Map.of()
          : JvmProcess.busiest(serverThreadsBefore, JvmProcess.threadCpuMs(devServer.pid()), 5);
      long serverThreads = devServer == null ? 0 : JvmProcess.threads(devServer.pid());
      // the SDK ends a workflow thread idle for a minute (task executors' after 10 s): measure the environments
      // waiting, not the threads left over from the burst that got them there
      Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(65) - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - quiet)));
      long heapWaiting = Runs.heapAfterGc();
      long cached = WorkerCacheProbe.size(workers);
      int threadsWaiting = ManagementFactory.getThreadMXBean().getThreadCount();
      Map<String, Long> threadsByName = threadsByName();
      long serverLiveWaiting = 0;
      long serverRssWaiting = 0;
      if (devServer != null) {
        String histogram = JvmProcess.classHistogram(devServer.pid());
        serverLiveWaiting = JvmProcess.liveBytes(histogram);
        serverRssWaiting = JvmProcess.residentBytes(devServer.pid());
        write(histograms, "histogram-dev-server.txt", JvmProcess.growth(serverHistogramBefore, histogram, environments, 120));
      }
      if (histograms != null) {
        write(histograms, "histogram-worker-" + label + ".txt",
            JvmProcess.growth(workerHistogramBefore, JvmProcess.classHistogram(self), environments, 120));
      }

      Map<String, Object> details = new LinkedHashMap<>();
      long heapWithoutCache = heapWaiting;
      if (emptyCache) {
        WorkerCacheProbe.invalidateAll(workers);
        heapWithoutCache = Runs.heapAfterGc();
        details.put("threadsWithoutCacheByName", threadsByName());
        if (histograms != null) {
          write(histograms, "histogram-worker-" + label + "-without-cache.txt",
              JvmProcess.growth(workerHistogramBefore, JvmProcess.classHistogram(self), environments, 120));
        }
      }

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
      double withoutCacheKb = (heapWithoutCache - heapBefore) / 1024.0 / environments;
      details.put("temporalServer", devServer == null ? "in this JVM (envflow up)"
          : "envflow dev-server, a process of its own at " + devServer.address());
      details.put("environments", environments);
      details.put("secondsUntilAllWaiting", BenchReport.round(secondsToWaiting));
      details.put("heapBeforeMb", BenchReport.round(heapBefore / 1048576.0));
      details.put("heapWaitingMb", BenchReport.round(heapWaiting / 1048576.0));
      details.put("heapPerWaitingEnvironmentKb", BenchReport.round(perEnvironmentKb));
      details.put("workflowsInWorkerCache", cached);
      if (emptyCache) {
        details.put("heapPerCachedWorkflowKb", BenchReport.round(workerCacheKb));
        details.put("heapPerEnvironmentWithoutWorkerCacheKb", BenchReport.round(withoutCacheKb));
      }
      details.put("threadsBefore", threadsBefore);
      details.put("threadsWaiting", threadsWaiting);
      details.put("threadsWaitingByName", threadsByName);
      details.put("idleSeconds", idleSeconds);
      details.put("idleCpuCores", BenchReport.round(idleCpu));
      details.put("idleCpuMsByThread", busiest);
      if (devServer != null) {
        details.put("devServerLiveHeapBeforeMb", BenchReport.round(serverLiveBefore / 1048576.0));
        details.put("devServerLiveHeapWaitingMb", BenchReport.round(serverLiveWaiting / 1048576.0));
        details.put("devServerHeapPerWaitingEnvironmentKb",
            BenchReport.round((serverLiveWaiting - serverLiveBefore) / 1024.0 / environments));
        details.put("devServerRssBeforeMb", BenchReport.round(serverRssBefore / 1048576.0));
        details.put("devServerRssWaitingMb", BenchReport.round(serverRssWaiting / 1048576.0));
        details.put("devServerRssPerWaitingEnvironmentKb",
            BenchReport.round((serverRssWaiting - serverRssBefore) / 1024.0 / environments));
        details.put("devServerThreadsWaiting", serverThreads);
        details.put("devServerIdleCpuCores", BenchReport.round(serverIdleCpu));
        details.put("devServerIdleCpuMsByThread", serverBusiest);
      }
      details.put("approvedFrom", emptyCache ? "an emptied workflow cache (every approval replays its history)"
          : "the workflow cache as it was");
      details.put("secondsToApproveAll", BenchReport.round(approveSeconds));
      details.put("approvalsPerSecond", BenchReport.round(environments / approveSeconds));
      details.put("activeAfterApproval", active);
      String measured = devServer == null
          ? String.format(Locale.ROOT, "%.1f KB each (server included), idle CPU %.1f%% of a core, approved in %.1f s",
              perEnvironmentKb, idleCpu * 100, approveSeconds)
          : String.format(Locale.ROOT, "worker %.1f KB each, idle CPU %.1f%%; dev-server %.1f KB each; approved in %.1f s",
              perEnvironmentKb, idleCpu * 100, (serverLiveWaiting - serverLiveBefore) / 1024.0 / environments,
              approveSeconds);
      String figure = devServer == null
          ? "4 scale, all in one JVM (envflow up; " + environments + " waiting)"
          : "4 scale, worker + dev-server (" + environments + " waiting)";
      return new BenchReport.Row(figure, measured, "<= " + (int) TARGET_KB + " KB",
          perEnvironmentKb <= TARGET_KB && active == environments, details);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void write(Path directory, String name, String text) throws java.io.IOException {
    if (directory != null) {
      java.nio.file.Files.createDirectories(directory);
      java.nio.file.Files.writeString(directory.resolve(name), text);
    }
  }
}
