package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;

/**
 * The Prometheus HTTP API's instant query ({@code GET /api/v1/query}) as Grafana Cloud's hosted Prometheus serves
 * it: Basic authentication with the metrics instance id and an access-policy token, an empty vector until the
 * application's samples arrive.
 */
public final class FakePrometheus extends FakeApi {

  public static final String USER = "123456";
  public static final String TOKEN = "glc_fake_metrics_read_token";

  private final List<String> queries = new ArrayList<>();
  private final AtomicInteger queriesUntilSamples = new AtomicInteger(Integer.MAX_VALUE);

  /** Queries find samples from the {@code n}th one on (1 = at once). */
  public void samplesFromQuery(int n) {
    queriesUntilSamples.set(n);
  }

  public synchronized List<String> queries() {
    return List.copyOf(queries);
  }

  @Override
  public String snapshot() {
    return "{}";
  }

  @Override
  protected MockResponse refuseUnauthenticated(RecordedRequest request) {
    return Credentials.basic(USER, TOKEN).equals(request.getHeaders().get("Authorization")) ? null
        : json(401, Map.of("status", "error", "error", "authentication error: invalid token"));
  }

  @Override
  protected synchronized MockResponse handle(String method, String path, RecordedRequest request) {
    if (!"GET".equals(method) || !path.endsWith("/api/v1/query")) {
      return json(404, Map.of("status", "error", "error", "not found"));
    }
    String query = request.getUrl().queryParameter("query");
    queries.add(query);
    ObjectNode answer = JSON.createObjectNode().put("status", "success");
    ObjectNode data = answer.putObject("data").put("resultType", "vector");
    ArrayNode result = data.putArray("result");
    if (queriesUntilSamples.decrementAndGet() <= 0) {
      ObjectNode sample = result.addObject();
      sample.putObject("metric").put("__name__", query.replaceAll("\\{.*", ""));
      sample.putArray("value").add(1_700_000_000.0).add("3");
    }
    return json(200, answer);
  }
}
