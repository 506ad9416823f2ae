package dev.envflow.activities.smoke;

import dev.envflow.activities.paas.Heartbeat;
import dev.envflow.workflows.spec.LoadSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A bounded, in-process load like the seed's k6 baseline: requests start at a constant rate whether earlier ones
 * have answered or not, at most {@code maxInFlight} at a time (a request due while the cap is reached is not sent
 * and counts as an error), and everything stops at the duration: requests still in flight then are cancelled and
 * left out of the figures.
 */
public class LoadRunner {

  public static final int DEFAULT_MAX_IN_FLIGHT = 50;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(1);

  private final int maxInFlight;
  private final Duration requestTimeout;

  public LoadRunner() {
    this(DEFAULT_MAX_IN_FLIGHT, DEFAULT_REQUEST_TIMEOUT);
  }

  public LoadRunner(int maxInFlight, Duration requestTimeout) {
    this.maxInFlight = maxInFlight;
    this.requestTimeout = requestTimeout;
  }

  /** Sends {@code load} to {@code baseUrl} and measures; returns within the duration plus a moment to stop. */
  public LoadReport run(String baseUrl, LoadSpec load, Heartbeat heartbeat) {
    Duration duration = Duration.parse(load.duration());
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(maxInFlight);
    dispatcher.setMaxRequestsPerHost(maxInFlight);
    OkHttpClient http = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(maxInFlight, 30, TimeUnit.SECONDS))
        .callTimeout(requestTimeout.compareTo(duration) < 0 ? requestTimeout : duration)
        .retryOnConnectionFailure(false)
        .build();
    Request request = new Request.Builder().url(baseUrl + load.path()).get().build();
    Tally tally = new Tally();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "envflow-load");
      thread.setDaemon(true);
      return thread;
    });
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    try {
      ticker.scheduleAtFixedRate(() -> fire(http, request, tally, end), 0, 1_000_000_000L / load.rate(), TimeUnit.NANOSECONDS);
      for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
        sleepNanos(Math.min(end - now, HEARTBEAT_EVERY.toNanos()));
        heartbeat.beat("load: " + tally.sent.get() + " requests sent, "
            + Duration.ofNanos(Math.min(System.nanoTime(), end) - started).toSeconds() + "s of " + duration.toSeconds() + "s");
      }
    } finally {
      tally.stopped.set(true);
      ticker.shutdownNow();
      dispatcher.cancelAll();
      dispatcher.executorService().shutdownNow();
      http.connectionPool().evictAll();
    }
    long elapsed = System.nanoTime() - started;
    return LoadReport.of(load, Duration.ofNanos(elapsed), maxInFlight, tally.sent.get(), tally.dropped.get(),
        tally.failed.get(), tally.cancelled(), tally.succeeded.get(), tally.latencies.stream().mapToLong(Long::longValue).toArray());
  }

  private void fire(OkHttpClient http, Request request, Tally tally, long end) {
    if (tally.stopped.get() || System.nanoTime() >= end) {
      return;
    }
    if (tally.inFlight.get() >= maxInFlight) {
      tally.dropped.incrementAndGet();
      return;
    }
    tally.inFlight.incrementAndGet();
    tally.sent.incrementAndGet();
    long sentAt = System.nanoTime();
    http.newCall(request).enqueue(new Callback() {
      @Override
      public void onResponse(Call call, Response response) {
        boolean ok;
        try (response) {
          response.body().bytes();
          ok = response.isSuccessful();
        } catch (IOException e) {
          tally.finish(false, null);
          return;
        }
        tally.finish(ok, System.nanoTime() - sentAt);
      }

      @Override
      public void onFailure(Call call, IOException e) {
        tally.finish(false, null);
      }
    });
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the load step", e);
    }
  }

  /** Counts shared by the ticker and okhttp's threads. */
  private static final class Tally {
    final AtomicBoolean stopped = new AtomicBoolean();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger succeeded = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

    /** One request ended: answered (with its latency) or failed without an answer; ignored once stopped. */
    void finish(boolean ok, Long latencyNanos) {
      inFlight.decrementAndGet();
      if (stopped.get()) {
        return;
      }
      answered.incrementAndGet();
      if (latencyNanos != null) {
        latencies.add(latencyNanos);
      }
      if (ok) {
        succeeded.incrementAndGet();
      } else {
        failed.incrementAndGet();
      }
    }

    /** Requests sent that had not finished when the load stopped. */
    int cancelled() {
      return Math.max(0, sent.get() - answered.get());
    }
  }
}
