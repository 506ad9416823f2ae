package dev.envflow.activities.monitoring.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The environment's contact point: one Grafana contact point named {@code {app}-{environment}} with an email
 * integration for the spec's addresses and a Slack integration posting to the incoming webhook. The webhook URL is
 * a secret: Grafana stores it encrypted and never returns it; envflow never logs it.
 */
final class GrafanaContactPoints {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GrafanaContactPoints() {}

  /** The integrations the spec asks for, in order email, Slack. */
  static List<ObjectNode> of(String environmentName, List<String> emails, Optional<String> slackWebhookUrl) {
    List<ObjectNode> contactPoints = new ArrayList<>();
    if (emails != null && !emails.isEmpty()) {
      ObjectNode email = contactPoint(environmentName, GrafanaNames.EMAIL);
      email.putObject("settings").put("addresses", String.join(";", emails)).put("singleEmail", false);
      contactPoints.add(email);
    }
    slackWebhookUrl.ifPresent(url -> {
      ObjectNode slack = contactPoint(environmentName, GrafanaNames.SLACK);
      slack.putObject("settings").put("url", url).put("title", "{{ .CommonLabels.alertname }} on " + environmentName);
      contactPoints.add(slack);
    });
    return contactPoints;
  }

  /** The uids envflow may make under this environment's name. */
  static List<String> uids(String environmentName) {
    return List.of(GrafanaNames.of(environmentName, GrafanaNames.EMAIL), GrafanaNames.of(environmentName, GrafanaNames.SLACK));
  }

  /** What can be compared with Grafana's answer, whose secure settings (the Slack URL) come back redacted. */
  static boolean hasSecureSettings(JsonNode contactPoint) {
    return "slack".equals(contactPoint.path("type").asText());
  }

  private static ObjectNode contactPoint(String environmentName, String kind) {
    ObjectNode contactPoint = JSON.createObjectNode();
    contactPoint.put("uid", GrafanaNames.of(environmentName, kind));
    contactPoint.put("name", environmentName);
    contactPoint.put("type", kind);
    contactPoint.put("disableResolveMessage", false);
    return contactPoint;
  }
}
