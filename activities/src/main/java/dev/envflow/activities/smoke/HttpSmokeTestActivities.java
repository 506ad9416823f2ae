package dev.envflow.activities.smoke;

import dev.envflow.workflows.activities.SmokeTestActivities;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The seed's smoke tests over HTTP: {@code /health} and {@code /ready} answer 2xx, and {@code /metrics} answers
 * 2xx exposing {@code {metricPrefix}_active_sessions}. An application that cannot be reached or answers 5xx
 * may still be starting, so that is retried; a 4xx or a missing metric is a non-retryable SMOKE_TEST_FAILED.
 */
public class HttpSmokeTestActivities implements SmokeTestActivities {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;
  private final Duration requestTimeout;

  public HttpSmokeTestActivities() {
    this(HttpClient.newBuilder()
        .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build(), DEFAULT_REQUEST_TIMEOUT);
  }

  public HttpSmokeTestActivities(HttpClient client, Duration requestTimeout) {
    this.client = client;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public CheckReport runSmokeTests(EnvironmentSpec spec) {
    String baseUrl = spec.smoke() == null ? null : spec.smoke().baseUrl();
    if (baseUrl == null || baseUrl.isBlank()) {
      return new CheckReport(spec.name(), List.of("smoke tests skipped: no smoke.baseUrl"));
    }
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    List<String> checks = new ArrayList<>();
    checks.add(check(base, "/health").line());
    checks.add(check(base, "/ready").line());
    Answer metrics = check(base, "/metrics");
    String metric = spec.monitoring().metricPrefix() + "_active_sessions";
    if (!exposes(metrics.body(), metric)) {
      throw failed("GET /metrics answered " + metrics.status() + " but does not expose " + metric);
    }
    checks.add(metrics.line() + ", exposes " + metric);
    return new CheckReport(base, checks);
  }

  static boolean exposes(String metricsText, String metric) {
    return Pattern.compile("^" + Pattern.quote(metric) + "(\\{|\\s)", Pattern.MULTILINE).matcher(metricsText).find();
  }

  private Answer check(String base, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout).GET().build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " did not answer: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + path, e);
    }
    int status = response.statusCode();
    if (status >= 500) {
      throw new IllegalStateException("GET " + path + " answered " + status + "; the application may still be starting");
    }
    if (status < 200 || status >= 300) {
      throw failed("GET " + path + " answered " + status);
    }
    return new Answer(path, status, response.body());
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static ApplicationFailure failed(String message) {
    return ApplicationFailure.newNonRetryableFailure("smoke test failed: " + message,
        FailureType.SMOKE_TEST_FAILED.name());
  }

  private record Answer(String path, int status, String body) {
    String line() {
      return "GET " + path + ": " + status;
    }
  }
}
