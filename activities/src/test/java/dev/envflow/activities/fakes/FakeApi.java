package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stateful fake of a provider's HTTP API on okhttp's MockWebServer: a {@link Dispatcher} answers from state the
 * requests change (not from a canned queue), records every write, and can be told to fail the next matching
 * requests (401, 429 with rate-limit headers, 5xx) to exercise the client's failure handling.
 */
public abstract class FakeApi implements AutoCloseable {

  protected static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final MockWebServer server = new MockWebServer();
  private final List<String> writes = new ArrayList<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final RandomFaults randomFaults = new RandomFaults();

  /** An injected answer for the next request whose method and path match. */
  private record Fault(String method, String pathPrefix, MockResponse response) {}

  protected FakeApi() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL clients are given, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return server.url("/").toString().replaceAll("/$", "");
  }

  /** {@code METHOD /path} of every write (not GET) that reached the fake, in order, including refused ones. */
  public synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  public synchronized void clearWrites() {
    writes.clear();
  }

  /** Every request, for checks on headers. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The next {@code times} requests of {@code method} on a path starting with {@code pathPrefix} get this answer. */
  public synchronized void failNext(String method, String pathPrefix, int times, int status, String body,
      Map<String, String> headers) {
    for (int i = 0; i < times; i++) {
      MockResponse.Builder response = new MockResponse.Builder().code(status).body(body)
          .addHeader("Content-Type", "application/json");
      headers.forEach(response::addHeader);
      faults.add(new Fault(method, pathPrefix, response.build()));
    }
  }

  /** Transient faults at a rate, off until its rate is set (scenario 1b of the fault-injection suite). */
  public RandomFaults randomFaults() {
    return randomFaults;
  }

  /** The whole state as canonical JSON: equal strings mean equal state. */
  public abstract String snapshot();

  /** Answers a request that passed authentication and fault injection. */
  protected abstract MockResponse handle(String method, String path, RecordedRequest request);

  /** Null when the request carries the right credentials, else the refusal. */
  protected abstract MockResponse refuseUnauthenticated(RecordedRequest request);

  /** The API's error envelope for a status a random fault answers (429, 500, 503). */
  protected MockResponse error(int status) {
    return json(status, Map.of("message", status == 429 ? "rate limit exceeded" : "internal server error"));
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    requests.add(request);
    String method = request.getMethod();
    String path = request.getUrl().encodedPath();
    if (!"GET".equals(method)) {
      writes.add(method + " " + path);
    }
    for (Fault fault : faults) {
      if (fault.method().equals(method) && path.startsWith(fault.pathPrefix())) {
        faults.remove(fault);
        return fault.response();
      }
    }
    MockResponse refusal = refuseUnauthenticated(request);
    if (refusal != null) {
      return refusal;
    }
    return randomFaults.answer(method + " " + path, () -> handle(method, path, request), this::error);
  }

  protected static JsonNode body(RecordedRequest request) {
    try {
      return JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
    } catch (IOException e) {
      return JSON.nullNode();
    }
  }

  protected static MockResponse json(int status, Object body) {
    try {
      return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
          .body(body instanceof String text ? text : JSON.writeValueAsString(body)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected static MockResponse empty(int status) {
    return new MockResponse.Builder().code(status).build();
  }

  /** JSON with every object's keys sorted, so that equal state gives equal text. */
  protected static String canonical(Object state) {
    try {
      return JSON.writeValueAsString(sorted(JSON.valueToTree(state)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode copy = JSON.createObjectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.stream().sorted().forEach(name -> copy.set(name, sorted(node.get(name))));
      return copy;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
      node.forEach(item -> copy.add(sorted(item)));
      return copy;
    }
    return node;
  }

  @Override
  public void close() {
    server.close();
  }
}
