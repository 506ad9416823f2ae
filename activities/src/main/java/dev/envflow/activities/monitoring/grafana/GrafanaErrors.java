package dev.envflow.activities.monitoring.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderErrorMapping;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.workflows.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.function.Function;

/**
 * Grafana's error answers beyond the common ones: a dashboard saved by someone else since envflow read it (412
 * {@code version-mismatch}) is retried, which reads it again; a dashboard of the same title in the folder (412
 * {@code name-exists}) or a plugin's dashboard is a conflict. A 409 on the notification-policy tree is a concurrent
 * change of the tree, retried (the next attempt merges again); other 409s are conflicts.
 */
final class GrafanaErrors implements ProviderErrorMapping {

  static final String UPDATE_POLICIES = "update notification policies";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public ApplicationFailure failure(ProviderCall call, int status, String body, Function<String, String> header) {
    String message = call.describe() + ": HTTP " + status + ProviderFailures.errorText(body);
    if (status == 412) {
      return "version-mismatch".equals(statusField(body))
          ? ProviderFailures.retryable(message + " (changed by someone else meanwhile; envflow reads it again)", null)
          : ProviderFailures.nonRetryable(FailureType.CONFLICT, message);
    }
    if (status == 409 && UPDATE_POLICIES.equals(call.operation())) {
      return ProviderFailures.retryable(message + " (the policy tree changed meanwhile; envflow merges again)", null);
    }
    return DEFAULT.failure(call, status, body, header);
  }

  private static String statusField(String body) {
    try {
      JsonNode json = JSON.readTree(body == null ? "" : body);
      return json == null ? "" : json.path("status").asText("");
    } catch (IOException notJson) {
      return "";
    }
  }
}
