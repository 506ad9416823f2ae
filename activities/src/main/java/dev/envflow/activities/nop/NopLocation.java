package dev.envflow.activities.nop;

import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.NopSpec;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a nop resource "lives": {@code nop://redis/synckairos-staging?latency=PT0.1S&failStep=redis.delete}. The
 * options other than the defaults travel in it, so the calls that get only the resource — readiness, checks,
 * deletes — behave as the spec asked, on any worker and after a restart.
 */
final class NopLocation {

  private static final String SCHEME = "nop://";

  private NopLocation() {}

  static String of(String kind, String name, NopSpec options) {
    List<String> query = new ArrayList<>();
    if (!options.latencyDuration().isZero()) {
      query.add("latency=" + encode(options.latency()));
    }
    if (options.transientFailureRate() > 0) {
      query.add("transientFailureRate=" + options.transientFailureRate());
    }
    if (options.failStep() != null) {
      query.add("failStep=" + encode(options.failStep()));
    }
    return SCHEME + kind + "/" + name + (query.isEmpty() ? "" : "?" + String.join("&", query));
  }

  /** The options a resource was created with; the defaults for one that never got a location (a create that failed). */
  static NopSpec options(Resource resource) {
    String location = resource.location();
    if (location == null || !location.startsWith(SCHEME) || !location.contains("?")) {
      return NopSpec.DEFAULT;
    }
    String latency = NopSpec.DEFAULT.latency();
    double rate = NopSpec.DEFAULT.transientFailureRate();
    String failStep = NopSpec.DEFAULT.failStep();
    for (String pair : location.substring(location.indexOf('?') + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      switch (pair.substring(0, eq)) {
        case "latency" -> latency = value;
        case "transientFailureRate" -> rate = Double.parseDouble(value);
        case "failStep" -> failStep = value;
        default -> { }
      }
    }
    return new NopSpec(latency, rate, failStep);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
