package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.fakes.RandomFaults;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * What the scenario 1b classes ({@link CloudFaultInjectionTest}, {@link CloudFaultInjectionMoreProvidersTest}) share:
 * the fault settings, starting environments through the API and waiting for them to end, and the tally of the
 * faults their fakes injected.
 */
final class CloudFaultRuns {

  static final double RATE = 0.3;
  /**
   * The provider client's read timeout in these tests, and how late a slow answer starts (longer than it). The fakes
   * handle one request at a time, and a create that starts a real database or Redis holds the others back; at 30
   * environments that queue outlasted a 1.5 s timeout, and a create the client had given up on was applied after the
   * retry had looked and created again — a duplicate the scenario does not mean to inject (docs/RELIABILITY.md,
   * Known limits). 5 s stays above the queue.
   */
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
  static final long SLOW_MILLIS = 6000;
  static final long SEED = Long.getLong("envflow.chaos.seed", 20261129L);
  static final Duration FINISH_WITHIN = Duration.ofMinutes(10);
  private static final Set<String> FINAL = Set.of("ACTIVE", "ROLLED_BACK", "ROLLBACK_FAILED", "FAILED", "TORN_DOWN");

  private CloudFaultRuns() {}

  /** Starts provisioning {@code spec}; returns the environment's name ({@code app-environment}). */
  static String start(TestRestTemplate http, ObjectNode spec) {
    var started = http.postForEntity("/api/environments", spec, JsonNode.class);
    assertThat(started.getStatusCode().value()).as(String.valueOf(started.getBody())).isEqualTo(202);
    return spec.path("app").asText() + "-" + spec.path("environment").asText();
  }

  /** The status of each environment once it ended (or as it is after {@link #FINISH_WITHIN}), by name. */
  static Map<String, JsonNode> awaitAll(TestRestTemplate http, List<String> names) throws InterruptedException {
    Map<String, JsonNode> ended = new LinkedHashMap<>();
    long deadline = System.nanoTime() + FINISH_WITHIN.toNanos();
    while (ended.size() < names.size() && System.nanoTime() < deadline) {
      for (String name : names) {
        if (!ended.containsKey(name)) {
          JsonNode status = http.getForObject("/api/environments/env-" + name, JsonNode.class);
          if (FINAL.contains(phase(status))) {
            ended.put(name, status);
          }
        }
      }
      Thread.sleep(250);
    }
    names.forEach(name -> ended.putIfAbsent(name, http.getForObject("/api/environments/env-" + name, JsonNode.class)));
    return ended;
  }

  /**
   * Tears every environment down through the API with the faults still on (deletes are retried too), waits for each
   * teardown, and lists what {@code leftOf} still finds of each: one entry per object left.
   */
  static List<String> tearDownAll(TestRestTemplate http, WorkflowClient client, List<String> names,
      Function<String, List<String>> leftOf) throws TimeoutException {
    for (String name : names) {
      http.delete("/api/environments/env-" + name);
    }
    List<String> left = new ArrayList<>();
    for (String name : names) {
      client.newUntypedWorkflowStub("teardown-env-" + name).getResult(FINISH_WITHIN.toMinutes(), TimeUnit.MINUTES,
          JsonNode.class);
      left.addAll(leftOf.apply(name));
    }
    return left;
  }

  /**
   * Turns the faults off, prints the scenario's line ({@link ChaosReport}) and asserts what scenario 1b promises:
   * every environment ACTIVE with each resource made once, faults after applying injected, nothing left.
   */
  static void report(String scenario, int runs, int succeeded, Tally faults, Predicate<String> creates,
      List<String> wrong, List<String> left) {
    faults.off();
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("faults", faults.total());
    notes.put("afterApplying", faults.afterHandling());
    notes.put("kinds", faults.kinds());
    notes.put("createsAnswerLost", faults.lostAnswers(creates));
    notes.put("wrong", wrong);
    notes.put("left", left);
    ChaosReport.line(scenario, runs, succeeded, left.size(), notes);
    assertThat(wrong).as("environments not ACTIVE or created twice").isEmpty();
    assertThat(succeeded).isEqualTo(runs);
    assertThat(faults.afterHandling()).as("faults after applying a request").isPositive();
    assertThat(left).as("left behind").isEmpty();
  }

  static String phase(JsonNode status) {
    return status == null ? null : status.path("phase").asText();
  }

  /** The rate modes of several fakes, added up for the report line. */
  record Tally(List<RandomFaults> faults) {

    static Tally of(RandomFaults... faults) {
      return new Tally(List.of(faults));
    }

    int total() {
      return faults.stream().mapToInt(RandomFaults::total).sum();
    }

    int afterHandling() {
      return faults.stream().mapToInt(RandomFaults::afterHandling).sum();
    }

    Map<String, Integer> kinds() {
      Map<String, Integer> kinds = new TreeMap<>();
      faults.forEach(f -> f.injected().forEach((kind, n) -> kinds.merge(kind.name().toLowerCase(), n, Integer::sum)));
      return kinds;
    }

    /** How many answers were lost after the fake applied a request that {@code creates} recognizes. */
    long lostAnswers(Predicate<String> creates) {
      return faults.stream().flatMap(f -> f.lostAnswers().stream()).filter(creates).count();
    }

    void off() {
      faults.forEach(f -> f.rate(0, SEED, SLOW_MILLIS));
    }
  }
}
