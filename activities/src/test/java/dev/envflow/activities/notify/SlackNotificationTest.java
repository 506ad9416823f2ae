package dev.envflow.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envflow.activities.fakes.FakeSlack;
import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Notification;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What people read for each event, and how a Slack that does not take it fails. */
class SlackNotificationTest {

  private static final String ID = "env-synckairos-production";
  private static final long DEADLINE = Instant.parse("2026-12-02T10:15:00Z").toEpochMilli();

  private final FakeSlack slack = new FakeSlack();
  private final EnvironmentSpec spec = SampleSpecs.local("production");

  @AfterEach
  void stop() {
    slack.close();
  }

  private SlackOrLogNotificationActivities notifier(String server) {
    Map<String, String> environment = new HashMap<>();
    environment.put("SLACK_WEBHOOK_URL", slack.webhookUrl());
    if (server != null) {
      environment.put("ENVFLOW_SERVER", server);
    }
    return new SlackOrLogNotificationActivities(HttpClient.newHttpClient(), environment::get);
  }

  @Test
  void theApprovalMessageSaysWhoMayApproveUntilWhenWhatWasValidatedAndTheExactCommandAndApiCall() {
    notifier("https://envflow.example.com").sendNotification(spec, Notification.awaitingApproval(ID, "dev@example.com",
        List.of("ana@example.com", "ops-lead@example.com"), DEADLINE, List.of("redis: PING: PONG", "postgres: schema version 3")));

    assertThat(slack.texts()).singleElement().satisfies(text -> assertThat(text)
        .contains("env-synckairos-production is provisioned and validated, and waits for approval")
        .contains("Requested by dev@example.com. May approve: ana@example.com, ops-lead@example.com (not the requester)")
        .contains("Until 2026-12-02 10:15 UTC; without a decision by then it is rolled back.")
        .contains("• redis: PING: PONG\n• postgres: schema version 3")
        .contains("`ENVFLOW_TOKEN=YOUR_TOKEN envflow approve env-synckairos-production --reason \"why\" --server https://envflow.example.com`")
        .contains("`curl -X POST https://envflow.example.com/api/environments/env-synckairos-production/approve"
            + " -H 'Authorization: Bearer YOUR_TOKEN' -H 'Content-Type: application/json' -d '{\"reason\":\"why\"}'`")
        .contains("Reject: `ENVFLOW_TOKEN=YOUR_TOKEN envflow reject env-synckairos-production"));
  }

  @Test
  void aReminderSaysHowManyApprovalsThereAreAndUntilWhen() {
    notifier("https://envflow.example.com").sendNotification(spec, Notification.reminder(ID, "dev@example.com",
        List.of("ana@example.com", "ops-lead@example.com"), DEADLINE, 2, List.of("ana@example.com")));

    assertThat(slack.texts()).singleElement().asString()
        .contains("env-synckairos-production still waits for approval (1 of 2 approval(s) so far: ana@example.com)")
        .contains("Without a decision by 2026-12-02 10:15 UTC it is rolled back.")
        .contains("envflow approve env-synckairos-production");
  }

  @Test
  void withoutEnvflowServerTheCommandsUseTheClientsDefault() {
    notifier(null).sendNotification(spec, Notification.awaitingApproval(ID, "dev@example.com",
        List.of("ana@example.com"), DEADLINE, List.of()));

    assertThat(slack.texts().get(0)).contains("`ENVFLOW_TOKEN=YOUR_TOKEN envflow approve env-synckairos-production --reason \"why\"`")
        .contains("curl -X POST http://localhost:8080/api/environments/env-synckairos-production/approve")
        .doesNotContain("--server");
  }

  @Test
  void anActiveEnvironmentListsWhatWasMade() {
    notifier(null).sendNotification(spec, Notification.active(ID, "dev@example.com",
        List.of("dashboards (grafana): synckairos-production at https://stack.grafana.net/dashboards/f/envflow-x")));

    assertThat(slack.texts()).containsExactly(":white_check_mark: env-synckairos-production is ACTIVE (requested by"
        + " dev@example.com).\n• dashboards (grafana): synckairos-production at https://stack.grafana.net/dashboards/f/envflow-x");
  }

  @Test
  void aRollbackSaysWhyAndAnIncompleteOneWhatIsLeft() {
    notifier(null).sendNotification(spec, Notification.rolledBack(ID, "dev@example.com",
        "metrics failed: no sample of synckairos_active_sessions at Prometheus http://prom:9090 after 5m00s", List.of()));
    notifier(null).sendNotification(spec, Notification.rolledBack(ID, "dev@example.com", "smoke failed: GET /health 503",
        List.of("could not roll back monitoring.dashboards: grafana: HTTP 403")));

    assertThat(slack.texts().get(0)).isEqualTo(":rewind: env-synckairos-production was rolled back: metrics failed: no sample"
        + " of synckairos_active_sessions at Prometheus http://prom:9090 after 5m00s\nEverything envflow created for it"
        + " has been deleted. Status: `envflow status env-synckairos-production`");
    assertThat(slack.texts().get(1)).startsWith(":warning: env-synckairos-production failed and could not be rolled back"
        + " completely: smoke failed: GET /health 503").contains("• could not roll back monitoring.dashboards: grafana: HTTP 403");
  }

  @Test
  void slackMarkupInAReasonIsEscaped() {
    notifier(null).sendNotification(spec, Notification.rolledBack(ID, "dev@example.com",
        "deploy failed: <!channel> & co", List.of()));

    assertThat(slack.texts().get(0)).contains("deploy failed: &lt;!channel&gt; &amp; co");
  }

  @Test
  void aBusyOrBrokenSlackFailsRetryablyAfterItsRetryAfterAndAnythingElseFailsForGood() {
    slack.answer(429, 500, 404);
    SlackOrLogNotificationActivities notifier = notifier(null);
    Notification active = Notification.active(ID, "dev@example.com", List.of());

    ApplicationFailure limited = catchThrowableOfType(() -> notifier.sendNotification(spec, active), ApplicationFailure.class);
    ApplicationFailure broken = catchThrowableOfType(() -> notifier.sendNotification(spec, active), ApplicationFailure.class);
    ApplicationFailure gone = catchThrowableOfType(() -> notifier.sendNotification(spec, active), ApplicationFailure.class);

    assertThat(limited.isNonRetryable()).isFalse();
    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(broken.isNonRetryable()).isFalse();
    assertThat(gone.isNonRetryable()).isTrue();
    assertThat(gone.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
    assertThat(List.of(limited, broken, gone)).allSatisfy(failure -> assertThat(failure.getOriginalMessage())
        .contains("SLACK_WEBHOOK_URL").doesNotContain("s3cretWebhookToken"));
  }
}
