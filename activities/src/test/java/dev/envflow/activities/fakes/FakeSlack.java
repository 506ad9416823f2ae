package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A Slack incoming webhook: {@code POST} of {@code {"text": ...}} answered {@code 200 ok}, or with the answers it is
 * told to give first (e.g. 500, or 429 with {@code Retry-After}). Remembers every text it was sent.
 */
public final class FakeSlack extends FakeApi {

  public static final String HOOK_PATH = "/services/T000FAKE/B000FAKE/s3cretWebhookToken";

  private final List<String> texts = new ArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();

  /** The webhook URL: a secret, which must never show up in logs, messages or status. */
  public String webhookUrl() {
    return url() + HOOK_PATH;
  }

  /** Answer the next posts with these statuses (429 carries {@code Retry-After: 1}); then 200 again. */
  public synchronized void answer(Integer... statuses) {
    this.statuses.addAll(List.of(statuses));
  }

  /** Every text posted, including those answered with an error. */
  public synchronized List<String> texts() {
    return List.copyOf(texts);
  }

  @Override
  public String snapshot() {
    return texts().toString();
  }

  @Override
  protected MockResponse refuseUnauthenticated(RecordedRequest request) {
    return HOOK_PATH.equals(request.getUrl().encodedPath()) ? null
        : new MockResponse.Builder().code(404).body("no_service").build();
  }

  @Override
  protected synchronized MockResponse handle(String method, String path, RecordedRequest request) {
    JsonNode body = body(request);
    texts.add(body.path("text").asText());
    int status = statuses.isEmpty() ? 200 : statuses.poll();
    MockResponse.Builder response = new MockResponse.Builder().code(status)
        .body(status == 200 ? "ok" : status == 429 ? "rate_limited" : "internal_error");
    if (status == 429) {
      response.addHeader("Retry-After", "1");
    }
    return response.build();
  }
}
