package dev.envflow.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SlackOrLogNotificationActivitiesTest {

  private static final String HOOK_PATH = "/services/T000/B000/s3cretHookToken";

  private HttpServer slack;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(SlackOrLogNotificationActivities.class);
  private final EnvironmentSpec spec = SampleSpecs.local("production");

  @BeforeEach
  void start() throws IOException {
    slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    slack.createContext(HOOK_PATH, exchange -> {
      received.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = (status.get() == 200 ? "ok" : "no_service").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    slack.start();
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(logs);
    slack.stop(0);
  }

  private String webhook() {
    return "http://127.0.0.1:" + slack.getAddress().getPort() + HOOK_PATH;
  }

  private SlackOrLogNotificationActivities withEnvironment(Map<String, String> environment) {
    return new SlackOrLogNotificationActivities(HttpClient.newHttpClient(), environment::get);
  }

  @Test
  void postsTheMessageToTheWebhookNamedByTheSpecAndNeverLogsItsUrl() throws IOException {
    withEnvironment(Map.of("SLACK_WEBHOOK_URL", webhook()))
        .notifyApprovers(spec, "synckairos-production awaits approval by \"ana\"");

    assertThat(received).singleElement().satisfies(request -> {
      assertThat(request).startsWith("application/json ");
      String body = request.substring("application/json ".length());
      assertThat(new ObjectMapper().readTree(body).path("text").asText())
          .isEqualTo("synckairos-production awaits approval by \"ana\"");
    });
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(line -> assertThat(line).contains("SLACK_WEBHOOK_URL"))
        .allSatisfy(line -> assertThat(line).doesNotContain("s3cretHookToken"));
  }

  @Test
  void logsTheMessageWhenTheWebhookIsNotSet() {
    withEnvironment(Map.of()).notifyApprovers(spec, "please approve synckairos-production");

    assertThat(received).isEmpty();
    assertThat(logs.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel().toString()).isEqualTo("INFO");
      assertThat(event.getFormattedMessage()).contains("please approve synckairos-production");
    });
  }

  @Test
  void aRefusedWebhookFailsWithoutRetryAndWithoutShowingTheUrl() {
    status.set(404);

    assertThatThrownBy(() -> withEnvironment(Map.of("SLACK_WEBHOOK_URL", webhook())).notifyApprovers(spec, "hi"))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name());
        })
        .message().contains("SLACK_WEBHOOK_URL answered 404 no_service").doesNotContain("s3cretHookToken");
  }

  @Test
  void aBusySlackIsRetried() {
    status.set(503);

    assertThatThrownBy(() -> withEnvironment(Map.of("SLACK_WEBHOOK_URL", webhook())).notifyApprovers(spec, "hi"))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> assertThat(failure.isNonRetryable()).isFalse())
        .hasMessageContaining("answered 503");
  }

  @Test
  void anUnreachableWebhookIsRetriedWithoutShowingTheUrl() {
    String unreachable = webhook();
    slack.stop(0);

    assertThatThrownBy(() -> withEnvironment(Map.of("SLACK_WEBHOOK_URL", unreachable)).notifyApprovers(spec, "hi"))
        .isNotInstanceOf(ApplicationFailure.class)
        .message().contains("cannot reach the Slack webhook in SLACK_WEBHOOK_URL").doesNotContain("s3cretHookToken");
  }
}
