package dev.envflow.activities.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A look (GET) that fails transiently is asked again within the activity's attempt, so that one lost answer does
 * not repeat every other call of the attempt; a write is sent once and its failure goes to Temporal's retry.
 */
class ProviderHttpClientRetryTest {

  private static final ProviderCall CALL = ProviderCall.of("fake", "look", "shop-prod");
  private final MockWebServer server = new MockWebServer();
  private ProviderHttpClient http;

  @BeforeEach
  void start() throws Exception {
    server.start();
    http = new ProviderHttpClient("fake", server.url("/").toString(), request -> request);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aLookThatFailsTransientlyIsAskedAgainUntilItAnswers() {
    server.enqueue(json(503, "{\"message\":\"unavailable\"}"));
    server.enqueue(new MockResponse.Builder().code(200).onResponseStart(new SocketEffect.CloseSocket(true, true, true))
        .build());
    server.enqueue(json(200, "{\"id\":\"db-1\"}"));

    assertThat(http.get(CALL, "/databases/db-1").path("id").asText()).isEqualTo("db-1");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aLookStillFailingAfterThreeTriesIsLeftToTheActivitysRetries() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(502, "bad gateway"));
    }

    ApplicationFailure failure = catchThrowableOfType(() -> http.get(CALL, "/databases"), ApplicationFailure.class);

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ProviderFailures.TRANSIENT);
    assertThat(server.getRequestCount()).isEqualTo(ProviderHttpClient.READ_ATTEMPTS);
  }

  @Test
  void aLookRefusedForGoodOrRateLimitedForLongIsNotAskedAgain() {
    server.enqueue(json(401, "{\"message\":\"unauthorized\"}"));
    server.enqueue(new MockResponse(429, Headers.of("Retry-After", "30"), "{}"));

    assertThat(catchThrowableOfType(() -> http.get(CALL, "/a"), ApplicationFailure.class).isNonRetryable()).isTrue();
    assertThat(catchThrowableOfType(() -> http.get(CALL, "/b"), ApplicationFailure.class).isNonRetryable()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aWriteIsSentOnce() {
    server.enqueue(json(503, "{\"message\":\"unavailable\"}"));
    server.enqueue(json(200, "{}"));

    assertThat(catchThrowableOfType(() -> http.post(CALL, "/databases", "{}"), ApplicationFailure.class)
        .isNonRetryable()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aLookSentAsPostLikeAGraphqlQueryIsAskedAgainButAPostIsNot() {
    server.enqueue(json(503, "{\"error\":\"upstream connect error\"}"));
    server.enqueue(json(200, "{\"data\":{}}"));
    server.enqueue(json(503, "{\"error\":\"upstream connect error\"}"));
    server.enqueue(json(200, "{\"data\":{}}"));

    assertThat(http.postLook(CALL, "/graphql", "{}").has("data")).isTrue();
    assertThat(catchThrowableOfType(() -> http.post(CALL, "/graphql", "{}"), ApplicationFailure.class)
        .isNonRetryable()).isFalse();
    assertThat(server.getRequestCount()).as("the look twice, the write once").isEqualTo(3);
  }

  @Test
  void aWriteWhoseConnectionIsResetIsNotSentAgainBehindEnvflowsBack() {
    // the provider applied the request, then the connection broke before the answer: OkHttp's own retry on
    // connection failure would send the create again and make a second one (envflow's retry adopts the first);
    // it does so on a connection reused from its pool, so a first look opens one
    server.enqueue(json(200, "[]"));
    http.get(CALL, "/databases");
    server.enqueue(new MockResponse.Builder().code(201).body("{\"id\":\"db-1\"}")
        .onResponseStart(new SocketEffect.CloseSocket(true, true, true)).build());
    server.enqueue(json(201, "{\"id\":\"db-2\"}"));

    ApplicationFailure failure = catchThrowableOfType(() -> http.post(CALL, "/databases", "{}"), ApplicationFailure.class);

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(server.getRequestCount()).as("the look and one create").isEqualTo(2);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse(status, Headers.of("Content-Type", "application/json"), body);
  }
}
