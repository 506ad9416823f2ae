package dev.envflow.worker.bench;

import dev.envflow.worker.cli.EnvflowMain;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another JVM seen from the benchmark: {@code envflow dev-server} started as a process of its own (stopped by
 * {@link #close()}, and by a shutdown hook if the benchmark's JVM exits first), and what {@code jcmd} and
 * {@code /proc} tell about any JVM on this machine — live heap after a full collection, resident memory, CPU time by
 * thread, thread count.
 */
final class JvmProcess implements AutoCloseable {

  private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private final Process process;
  private final String address;
  private final Thread stopOnExit;

  private JvmProcess(Process process, String address) {
    this.process = process;
    this.address = address;
    this.stopOnExit = new Thread(process::destroyForcibly, "bench-dev-server-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Starts {@code envflow dev-server} on a free loopback port, its output in {@code log}; waits until it listens. */
  static JvmProcess startDevServer(Path log) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EnvflowMain.class.getName(), "dev-server", "--port",
        Integer.toString(port));
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    JvmProcess server = new JvmProcess(process, "127.0.0.1:" + port);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String expected = "listens on 127.0.0.1:" + port;
      while (!(Files.exists(log) && Files.readString(log).contains(expected))) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("envflow dev-server did not start:\n" + Files.readString(log));
        }
        Thread.sleep(200);
      }
      return server;
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
  }

  String address() {
    return address;
  }

  long pid() {
    return process.pid();
  }

  /** Stops the dev-server (SIGTERM, then SIGKILL after 20 s) and waits until it is gone. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException exiting) {
        // the hook is running or about to
      }
    }
  }

  /** {@code jcmd <pid> GC.class_histogram}: a full collection, then the live objects by class. */
  static String classHistogram(long pid) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    if (!jcmd.waitFor(2, TimeUnit.MINUTES) || jcmd.exitValue() != 0 || !TOTAL.matcher(out).find()) {
      throw new IllegalStateException("jcmd " + pid + " GC.class_histogram failed:\n" + out);
    }
    return out;
  }

  /** The live bytes a class histogram counts (its {@code Total} line). */
  static long liveBytes(String histogram) {
    Matcher total = TOTAL.matcher(histogram);
    if (!total.find()) {
      throw new IllegalArgumentException("no Total line in the histogram");
    }
    return Long.parseLong(total.group(2));
  }

  /**
   * The classes whose live bytes grew the most from histogram {@code before} to {@code after}: per class the growth
   * in instances and bytes, and per {@code per} (e.g. per waiting environment) in bytes.
   */
  static String growth(String before, String after, int per, int classes) {
    Map<String, long[]> was = rows(before);
    Map<String, long[]> now = rows(after);
    List<String> lines = new ArrayList<>();
    lines.add(String.format(java.util.Locale.ROOT, "%12s %12s %10s  %s", "+instances", "+bytes", "+B/each", "class"));
    now.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[0] - was.getOrDefault(e.getKey(), new long[2])[0],
            e.getValue()[1] - was.getOrDefault(e.getKey(), new long[2])[1]}))
        .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(classes)
        .forEach(e -> lines.add(String.format(java.util.Locale.ROOT, "%12d %12d %10d  %s", e.getValue()[0],
            e.getValue()[1], e.getValue()[1] / Math.max(1, per), e.getKey())));
    lines.add(String.format(java.util.Locale.ROOT, "%12s %12d %10d  %s", "", liveBytes(after) - liveBytes(before),
        (liveBytes(after) - liveBytes(before)) / Math.max(1, per), "total"));
    return String.join("\n", lines) + "\n";
  }

  private static Map<String, long[]> rows(String histogram) {
    Map<String, long[]> rows = new HashMap<>();
    Pattern row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    histogram.lines().forEach(line -> {
      Matcher m = row.matcher(line);
      if (m.find()) {
        // lambdas' and hidden classes' names carry addresses that differ between runs
        String name = m.group(3).replaceAll("/0x[0-9a-f]+", "").replaceAll("\\$\\$Lambda\\$\\d+", "\\$\\$Lambda");
        rows.merge(name, new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
      }
    });
    return rows;
  }

  /** Resident memory of {@code pid} in bytes ({@code VmRSS}), -1 where /proc cannot tell. */
  static long residentBytes(long pid) {
    return statusField(pid, "VmRSS:") * 1024;
  }

  static long threads(long pid) {
    return statusField(pid, "Threads:");
  }

  private static long statusField(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or gone
    }
    return -1;
  }

  /** CPU time so far of each thread of {@code pid} (thread id to milliseconds), from /proc. */
  static Map<String, Long> threadCpuMs(long pid) {
    Map<String, Long> cpu = new HashMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int close = stat.lastIndexOf(')');
          String name = stat.substring(stat.indexOf('(') + 1, close);
          String[] fields = stat.substring(close + 2).split(" ");
          // after "pid (comm) ": state is field 3, utime 14 and stime 15 of the whole line
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          cpu.put(task.getFileName() + " " + name, ticks * 1000 / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException threadGone) {
          // ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or gone
    }
    return cpu;
  }

  /** The threads (numbers in their names folded) that used the most CPU between two {@link #threadCpuMs} readings. */
  static Map<String, Long> busiest(Map<String, Long> before, Map<String, Long> after, int limit) {
    Map<String, Long> byName = new HashMap<>();
    after.forEach((thread, ms) -> {
      long used = ms - before.getOrDefault(thread, 0L);
      if (used > 0) {
        byName.merge(thread.substring(thread.indexOf(' ') + 1).replaceAll("[0-9]+", "#"), used, Long::sum);
      }
    });
    Map<String, Long> top = new LinkedHashMap<>();
    byName.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }

  /** CPU time {@code pid} has used so far, in milliseconds (-1 where the platform cannot tell). */
  static long cpuMs(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toMillis()).orElse(-1L);
  }
}
