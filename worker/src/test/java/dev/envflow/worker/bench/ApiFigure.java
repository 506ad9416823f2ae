package dev.envflow.worker.bench;

import dev.envflow.worker.StandaloneEnvflow;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 5: {@code POST /api/environments} (a nop spec with no latency, so each one also starts a workflow that runs
 * while the load goes on) and {@code GET /api/environments/{id}} (the status query) over loopback with the admin's
 * bearer token, from a bounded number of clients each waiting for its answer before the next request.
 */
final class ApiFigure {

  private ApiFigure() {}

  static BenchReport.Row run(StandaloneEnvflow app, int clients, int requestsPerClient) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Double> posts = Collections.synchronizedList(new ArrayList<>());
    List<Double> gets = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger serverErrors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long started = System.nanoTime();
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        done.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < requestsPerClient; i++) {
            String environment = "api-" + client + "-" + i;
            HttpRequest post = request("/api/environments", app)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BenchSpecs.nop(environment, "PT0S", false).toString())).build();
            HttpResponse<String> created = timed(http, post, posts, errors, serverErrors, 202);
            if (created != null) {
              timed(http, request("/api/environments/env-bench-" + environment, app).GET().build(), gets, errors,
                  serverErrors, 200);
            }
          }
        }, pool));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(20, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Stats post = new Stats(posts);
    Stats get = new Stats(gets);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("clients", clients);
    details.put("requests", posts.size() + gets.size());
    details.put("postP50Ms", BenchReport.round(post.p50()));
    details.put("postP99Ms", BenchReport.round(post.p99()));
    details.put("getP50Ms", BenchReport.round(get.p50()));
    details.put("getP99Ms", BenchReport.round(get.p99()));
    details.put("requestsPerSecond", BenchReport.round((posts.size() + gets.size()) / seconds));
    details.put("unexpectedAnswers", errors.get());
    details.put("serverErrors", serverErrors.get());
    return new BenchReport.Row("5 API latency (" + clients + " clients, loopback)",
        String.format(java.util.Locale.ROOT, "POST p50 %.1f / p99 %.1f ms, GET p50 %.1f / p99 %.1f ms", post.p50(),
            post.p99(), get.p50(), get.p99()),
        "(reported)", null, details);
  }

  private static HttpRequest.Builder request(String path, StandaloneEnvflow app) {
    return HttpRequest.newBuilder(app.api(path)).header("Authorization", "Bearer " + StandaloneEnvflow.ADMIN_TOKEN);
  }

  private static HttpResponse<String> timed(HttpClient http, HttpRequest request, List<Double> into, AtomicInteger errors,
      AtomicInteger serverErrors, int expected) {
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      into.add((System.nanoTime() - started) / 1e6);
      if (response.statusCode() >= 500) {
        serverErrors.incrementAndGet();
      }
      if (response.statusCode() != expected) {
        errors.incrementAndGet();
        return null;
      }
      return response;
    } catch (Exception e) {
      errors.incrementAndGet();
      return null;
    }
  }
}
