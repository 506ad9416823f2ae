package dev.envflow.activities.smoke;

import dev.envflow.activities.paas.Heartbeat;
import dev.envflow.workflows.activities.SmokeTestActivities;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The smoke suites and the load step over HTTP. Each check is sent until it passes or its tries are used up, with
 * a pause in between, while the failure looks like an application still warming up (no answer, a timeout, 5xx,
 * 429); any other failure ends the suite at once. The report has one line per check: its status and latency, the
 * tries it took, and the first bytes of the answer when it failed.
 */
public class HttpSmokeTestActivities implements SmokeTestActivities {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_TRIES = 4;
  public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(2);

  private final HttpClient client;
  private final Duration requestTimeout;
  private final int tries;
  private final Duration pause;
  private final LoadRunner load;

  public HttpSmokeTestActivities() {
    this(HttpClient.newBuilder()
        .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build(), DEFAULT_REQUEST_TIMEOUT, DEFAULT_TRIES, DEFAULT_PAUSE, new LoadRunner());
  }

  public HttpSmokeTestActivities(HttpClient client, Duration requestTimeout, int tries, Duration pause, LoadRunner load) {
    this.client = client;
    this.requestTimeout = requestTimeout;
    this.tries = Math.max(1, tries);
    this.pause = pause;
    this.load = load;
  }

  @Override
  public CheckReport runSmokeTests(EnvironmentSpec spec) {
    String baseUrl = spec.smoke() == null ? null : spec.smoke().baseUrl();
    if (baseUrl == null || baseUrl.isBlank()) {
      return new CheckReport(spec.name(), List.of("smoke tests skipped: no smoke.baseUrl"));
    }
    String base = trimmed(baseUrl);
    Heartbeat heartbeat = Heartbeat.ofCurrentActivity();
    List<String> lines = new ArrayList<>();
    for (SmokeCheck check : SmokeSuites.of(spec)) {
      Outcome outcome = run(base, check, heartbeat);
      lines.add(outcome.line());
      if (!outcome.passed()) {
        throw ApplicationFailure.newNonRetryableFailure("smoke test failed: " + outcome.line() + "\n"
            + "suite " + spec.smoke().suite() + " against " + base + ":\n  " + String.join("\n  ", lines),
            FailureType.SMOKE_TEST_FAILED.name());
      }
    }
    return new CheckReport(base, lines);
  }

  @Override
  public CheckReport runLoadTest(EnvironmentSpec spec) {
    if (spec.smoke() == null || spec.smoke().load() == null || spec.smoke().baseUrl() == null) {
      return new CheckReport(spec.name(), List.of("load step skipped: no smoke.load"));
    }
    return load.run(trimmed(spec.smoke().baseUrl()), spec.smoke().load(), Heartbeat.ofCurrentActivity()).checked();
  }

  private Outcome run(String base, SmokeCheck check, Heartbeat heartbeat) {
    Outcome outcome = null;
    for (int attempt = 1; attempt <= tries; attempt++) {
      outcome = once(base, check, attempt);
      if (outcome.passed() || !outcome.warmingUp() || attempt == tries) {
        return outcome;
      }
      heartbeat.beat(check.name() + ": " + outcome.line() + "; trying again");
      sleep(pause);
    }
    return outcome;
  }

  private Outcome once(String base, SmokeCheck check, int attempt) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + check.path())).timeout(requestTimeout);
    if (check.body() == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(check.body()));
    }
    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return Outcome.warming(check, "no answer within " + requestTimeout.toMillis() + " ms", attempt);
    } catch (IOException e) {
      return Outcome.warming(check, "no answer (" + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()) + ")", attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + check.name(), e);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    int status = response.statusCode();
    String timing = status + " in " + millis + " ms";
    if (status >= 200 && status < 300) {
      Optional<String> wrong = check.expectation().apply(response.body());
      return wrong.map(problem -> Outcome.failed(check, timing + " but " + problem + "; body: "
              + BodyExcerpt.of(response.body()), attempt, false))
          .orElseGet(() -> Outcome.passed(check, timing, attempt));
    }
    boolean warming = status >= 500 || status == 429 || status == 408;
    return Outcome.failed(check, timing + "; body: " + BodyExcerpt.of(response.body()), attempt, warming);
  }

  private static String trimmed(String baseUrl) {
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted between smoke test tries", e);
    }
  }

  /** How one check ended; {@code warmingUp} when trying again may help. */
  private record Outcome(boolean passed, boolean warmingUp, String line) {

    static Outcome passed(SmokeCheck check, String timing, int attempt) {
      return new Outcome(true, false, check.name() + ": " + timing + tries(attempt));
    }

    static Outcome failed(SmokeCheck check, String what, int attempt, boolean warmingUp) {
      return new Outcome(false, warmingUp, check.name() + ": " + what + tries(attempt));
    }

    static Outcome warming(SmokeCheck check, String what, int attempt) {
      return failed(check, what, attempt, true);
    }

    private static String tries(int attempt) {
      return attempt == 1 ? "" : " (after " + attempt + " tries)";
    }
  }
}
