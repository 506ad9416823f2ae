package dev.envflow.workflows.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the spec's top-level {@code nop} object for {@link SpecParser} and checks it against the providers the spec
 * names: its options only mean something to a kind whose provider is {@code nop}.
 */
final class NopSpecReader {

  static final Set<String> FIELDS = Set.of("latency", "transientFailureRate", "failStep");
  /** Longer would outlast the timeouts of the steps it slows down (two minutes for a check). */
  static final Duration MAX_LATENCY = Duration.ofMinutes(1);

  private final JsonFieldReader read;

  NopSpecReader(JsonFieldReader read) {
    this.read = read;
  }

  NopSpec read(JsonNode node) {
    NopSpec d = NopSpec.DEFAULT;
    var n = new Object() {
      String latency = d.latency();
      double transientFailureRate = d.transientFailureRate();
      String failStep = d.failStep();
    };
    read.forEachField(node, "nop", FIELDS, (name, value) -> {
      String path = "nop." + name;
      switch (name) {
        case "latency" -> n.latency = latency(value, path, n.latency);
        case "transientFailureRate" -> n.transientFailureRate = rate(value, path, n.transientFailureRate);
        case "failStep" -> n.failStep = read.oneOf(value, path, NopSpec.STEPS, "step", null);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new NopSpec(n.latency, n.transientFailureRate, n.failStep);
  }

  /** The options given must reach a nop provider: refuses them when none of the spec's kinds uses one. */
  void check(EnvironmentSpec spec) {
    if (spec.nop() == null) {
      return;
    }
    List<String> nopKinds = nopKinds(spec);
    if (nopKinds.isEmpty()) {
      read.error("nop", "only the nop provider reads these options, and no provider of this spec is nop; set e.g."
          + " redis.provider to nop, or remove the nop object");
      return;
    }
    String step = spec.nop().failStep();
    if (step == null) {
      return;
    }
    String kind = NopSpec.kindOf(step);
    if (!nopKinds.contains(kind)) {
      read.error("nop.failStep", step + " is a " + kind + " step and this spec's " + kind
          + ".provider is not nop, so it would never fail; nop runs the " + String.join(", ", nopKinds) + " steps");
    } else if (step.equals("metrics") && spec.monitoring().metricsCheck() == null) {
      read.error("nop.failStep", "the metrics step only runs with a monitoring.metricsCheck; add one, e.g. {}");
    }
  }

  private static List<String> nopKinds(EnvironmentSpec spec) {
    List<String> kinds = new ArrayList<>();
    if (NopSpec.PROVIDER.equals(spec.redis().provider())) {
      kinds.add("redis");
    }
    if (NopSpec.PROVIDER.equals(spec.postgres().provider())) {
      kinds.add("postgres");
    }
    if (NopSpec.PROVIDER.equals(spec.monitoring().provider())) {
      kinds.add("monitoring");
    }
    if (NopSpec.PROVIDER.equals(spec.paas().provider())) {
      kinds.add("paas");
    }
    return kinds;
  }

  private String latency(JsonNode value, String path, String fallback) {
    String text = read.text(value, path, null);
    if (text == null) {
      return fallback;
    }
    try {
      Duration latency = Duration.parse(text);
      if (latency.isNegative()) {
        read.error(path, "must not be negative, was \"" + text + "\"");
        return fallback;
      }
      if (latency.compareTo(MAX_LATENCY) > 0) {
        read.error(path, "\"" + text + "\" is longer than a nop step may take (at most " + MAX_LATENCY
            + ", below the steps' timeouts)");
        return fallback;
      }
      return text;
    } catch (DateTimeParseException e) {
      read.error(path, "not an ISO-8601 duration such as PT0.1S or PT0S: \"" + text + "\"");
      return fallback;
    }
  }

  private double rate(JsonNode value, String path, double fallback) {
    if (!value.isNumber()) {
      read.error(path, "expected a number");
      return fallback;
    }
    double rate = value.doubleValue();
    if (!(rate >= 0 && rate <= 1)) {
      read.error(path, "must be a fraction from 0 to 1, e.g. 0.3 for 30% of calls; was " + value.asText());
      return fallback;
    }
    return rate;
  }
}
