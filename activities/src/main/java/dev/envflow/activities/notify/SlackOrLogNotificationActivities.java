package dev.envflow.activities.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.workflows.activities.NotificationActivities;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Notification;
import dev.envflow.workflows.spec.ContactsSpec;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts {@code {"text": message}} to the Slack incoming webhook whose URL is in the worker environment variable
 * named by {@code monitoring.contacts.slackWebhookSecret}; when that is not set, logs the message at INFO.
 * The webhook URL is a credential: it is never logged nor put in a failure message. A 429 or 5xx answer (or no
 * answer) fails retryably — after Slack's {@code Retry-After} when it gives one — so that the workflow's second and
 * last attempt can succeed; any other refusal fails without retry.
 */
public class SlackOrLogNotificationActivities implements NotificationActivities {

  private static final Logger log = LoggerFactory.getLogger(SlackOrLogNotificationActivities.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final int TOO_MANY_REQUESTS = 429;
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(20);
  /** Where approvers reach envflow's API; the variable the CLI reads too. */
  public static final String SERVER_VARIABLE = "ENVFLOW_SERVER";

  private final HttpClient client;
  private final Function<String, String> environment;
  private final ObjectMapper json = new ObjectMapper();

  public SlackOrLogNotificationActivities() {
    this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), System::getenv);
  }

  /** {@code environment} looks up the worker's environment variables (e.g. {@code System::getenv}). */
  public SlackOrLogNotificationActivities(HttpClient client, Function<String, String> environment) {
    this.client = client;
    this.environment = environment;
  }

  @Override
  public void sendNotification(EnvironmentSpec spec, Notification notification) {
    String text = new NotificationText(environment.apply(SERVER_VARIABLE)).render(notification);
    Optional<String> secretName = webhookSecretName(spec);
    Optional<String> webhook = secretName.map(environment).filter(url -> !url.isBlank());
    log.info("{} {}:\n{}", notification.event(), notification.environmentId(), text);
    if (webhook.isPresent()) {
      post(webhook.get(), secretName.get(), NotificationText.forSlack(text));
      log.info("Sent the {} notification of {} through the Slack webhook in {}", notification.event(),
          notification.environmentId(), secretName.get());
    }
  }

  @Override
  public void notifyApprovers(EnvironmentSpec spec, String message) {
    Optional<String> secretName = webhookSecretName(spec);
    Optional<String> webhook = secretName.map(environment).filter(url -> !url.isBlank());
    if (webhook.isEmpty()) {
      log.info("Notification for {}: {}", spec.id(), message);
      return;
    }
    post(webhook.get(), secretName.get(), message);
    log.info("Notified {} through the Slack webhook in {}", spec.id(), secretName.get());
  }

  private void post(String webhook, String secretName, String message) {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(webhook))
          .timeout(REQUEST_TIMEOUT)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("text", message))))
          .build();
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the Slack webhook in " + secretName + " is not a valid URL", FailureType.BAD_CREDENTIALS.name());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the notification as JSON", e);
    }
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // The cause's message may carry the host or URL, so only its kind is kept.
      throw new IllegalStateException(
          "cannot reach the Slack webhook in " + secretName + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while posting to the Slack webhook in " + secretName);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String answer = "the Slack webhook in " + secretName + " answered " + status + " " + firstLine(response.body());
    if (status == TOO_MANY_REQUESTS || status >= 500) {
      ApplicationFailure.Builder retry = ApplicationFailure.newBuilder().setMessage(answer).setType("SLACK_UNAVAILABLE");
      retryAfter(response).ifPresent(retry::setNextRetryDelay);
      throw retry.build();
    }
    throw ApplicationFailure.newNonRetryableFailure(answer, FailureType.BAD_CREDENTIALS.name());
  }

  private static Optional<Duration> retryAfter(HttpResponse<String> response) {
    try {
      return response.headers().firstValue("Retry-After").map(String::trim).map(Long::parseLong)
          .map(seconds -> Duration.ofSeconds(Math.max(0, Math.min(seconds, MAX_RETRY_AFTER.toSeconds()))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> webhookSecretName(EnvironmentSpec spec) {
    if (spec.monitoring() == null) {
      return Optional.empty();
    }
    ContactsSpec contacts = spec.monitoring().contacts();
    if (contacts == null || contacts.slackWebhookSecret() == null || contacts.slackWebhookSecret().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(contacts.slackWebhookSecret());
  }

  private static String firstLine(String body) {
    String line = body == null ? "" : body.lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
