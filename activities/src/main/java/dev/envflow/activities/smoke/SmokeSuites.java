package dev.envflow.activities.smoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.SmokeSpec;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The checks of each {@code smoke.suite}. */
final class SmokeSuites {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SmokeSuites() {}

  /**
   * {@code synckairos}: the seed's {@code scripts/smoke-test.sh} — /health, /ready, /metrics exposing
   * {@code {metricPrefix}_active_sessions}, a session created with generated UUIDs and read back by its id.
   * {@code basic}: /health only.
   */
  static List<SmokeCheck> of(EnvironmentSpec spec) {
    String suite = spec.smoke().suite() == null ? SmokeSpec.SYNCKAIROS_SUITE : spec.smoke().suite();
    if (SmokeSpec.BASIC_SUITE.equals(suite)) {
      return List.of(SmokeCheck.get("/health"));
    }
    String metric = spec.monitoring().metricPrefix() + "_active_sessions";
    String sessionId = UUID.randomUUID().toString();
    return List.of(
        SmokeCheck.get("/health"),
        SmokeCheck.get("/ready"),
        SmokeCheck.get("/metrics", body -> exposes(body, metric)
            ? Optional.empty() : Optional.of("does not expose " + metric)),
        SmokeCheck.post("/v1/sessions", sessionBody(sessionId)),
        SmokeCheck.get("/v1/sessions/" + sessionId, body -> body.contains(sessionId)
            ? Optional.empty() : Optional.of("does not contain the session id " + sessionId)));
  }

  /** The body {@code smoke-test.sh} posts: one participant with a minute on its clock. */
  static String sessionBody(String sessionId) {
    ObjectNode body = JSON.createObjectNode()
        .put("session_id", sessionId)
        .put("sync_mode", "per_participant");
    body.putArray("participants").addObject()
        .put("participant_id", UUID.randomUUID().toString())
        .put("participant_index", 0)
        .put("total_time_ms", 60000);
    return body.toString();
  }

  /** True when a Prometheus exposition has a sample of exactly {@code metric} (with or without labels). */
  static boolean exposes(String metricsText, String metric) {
    return Pattern.compile("^" + Pattern.quote(metric) + "(\\{|\\s)", Pattern.MULTILINE).matcher(metricsText).find();
  }
}
