package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * The common part of envflow's provider fakes: a {@link MockWebServer} whose {@link Dispatcher} is the fake
 * itself, so answers come from the fake's state rather than a queue of canned responses. It checks
 * authentication, records every call (method, path, query, JSON body) for assertions, and injects faults on
 * request: an error answer before the request is handled (429 with {@code Retry-After}, 5xx, 423, ...), an
 * error answer after it was handled (the provider did it but the answer was lost), or a stalled answer (a
 * client timeout). Subclasses hold the provider's state and answer in its envelopes. Thread-safe: requests
 * are handled one at a time.
 */
public abstract class FakeCloudApi implements AutoCloseable {

  protected static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the fake received it. */
  public record Call(String method, String path, Map<String, String> query, JsonNode body, String authorization) {

    public String queryParameter(String name) {
      return query.get(name);
    }
  }

  private record Fault(String method, Pattern path, int status, String retryAfter, boolean afterHandling,
      long stallSeconds, String message) {

    boolean matches(String requestMethod, String requestPath) {
      return method.equals(requestMethod) && path.matcher(requestPath).matches();
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final String basePath;
  private final List<Call> calls = new ArrayList<>();
  private final List<Fault> faults = new ArrayList<>();
  private final RandomFaults randomFaults = new RandomFaults();

  /** @param basePath the API's path prefix, e.g. {@code /api/v2}; empty for none */
  protected FakeCloudApi(String basePath) {
    this.basePath = basePath;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake " + getClass().getSimpleName(), e);
    }
  }

  /** The base URL to configure the provider with (what the real API's {@code https://...} would be). */
  public String baseUrl() {
    return server.url(basePath.isEmpty() ? "/" : basePath).toString().replaceAll("/+$", "");
  }

  /** Every call received so far, oldest first. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls of {@code method} whose path (without the base path) matches {@code pathRegex}. */
  public synchronized List<Call> calls(String method, String pathRegex) {
    Pattern path = Pattern.compile(pathRegex);
    return calls.stream().filter(call -> call.method().equals(method) && path.matcher(call.path()).matches()).toList();
  }

  /** The next matching request is answered {@code status} (with {@code Retry-After} when given) and not handled. */
  public synchronized void failNext(String method, String pathRegex, int status, String retryAfter) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), status, retryAfter, false, 0, null));
  }

  /** Like {@link #failNext}, with the provider's error message. */
  public synchronized void failNext(String method, String pathRegex, int status, String retryAfter, String message) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), status, retryAfter, false, 0, message));
  }

  /** The next matching request is handled (its effect happens) but answered {@code status}: a lost answer. */
  public synchronized void failNextAfterHandling(String method, String pathRegex, int status) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), status, null, true, 0, null));
  }

  /** The next matching request is handled, but its answer starts only after {@code seconds}: a client timeout. */
  public synchronized void stallNext(String method, String pathRegex, long seconds) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), 0, null, true, seconds, null));
  }

  /** Transient faults at a rate, off until its rate is set (scenario 1b of the fault-injection suite). */
  public RandomFaults randomFaults() {
    return randomFaults;
  }

  @Override
  public void close() {
    server.close();
  }

  /** True when the {@code Authorization} header carries the fake's credentials. */
  protected abstract boolean authorized(String authorization);

  /** The provider's error envelope for {@code status}. */
  protected abstract MockResponse error(int status, String message);

  /** Handles an authenticated request that no fault intercepted. */
  protected abstract MockResponse handle(Call call);

  protected static MockResponse json(int status, Object body) {
    try {
      return new MockResponse.Builder()
          .code(status)
          .setHeader("Content-Type", "application/json")
          .body(body instanceof String text ? text : JSON.writeValueAsString(body))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String path = url.encodedPath().substring(Math.min(basePath.length(), url.encodedPath().length()));
    Map<String, String> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      query.put(name, url.queryParameter(name));
    }
    String authorization = request.getHeaders().get("Authorization");
    Call call = new Call(request.getMethod(), path, query, body(request), authorization);
    calls.add(call);
    Fault fault = takeFault(call);
    if (fault != null && !fault.afterHandling()) {
      return faultAnswer(fault, call);
    }
    if (!authorized(authorization)) {
      return error(401, "Unauthorized");
    }
    if (fault == null) {
      return randomFaults.answer(call.method() + " " + call.path(), () -> handle(call),
          status -> error(status, defaultMessage(status)));
    }
    MockResponse handled = handle(call);
    if (fault.stallSeconds() > 0) {
      return new MockResponse.Builder(handled).headersDelay(fault.stallSeconds(), TimeUnit.SECONDS).build();
    }
    return faultAnswer(fault, call);
  }

  private MockResponse faultAnswer(Fault fault, Call call) {
    String message = fault.message() != null ? fault.message() : defaultMessage(fault.status());
    MockResponse error = error(fault.status(), message.replace("{body}", String.valueOf(call.body())));
    return fault.retryAfter() == null ? error
        : new MockResponse.Builder(error).setHeader("Retry-After", fault.retryAfter()).build();
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 423 -> "resource is locked by another operation in progress";
      case 429 -> "rate limit exceeded";
      default -> status >= 500 ? "internal server error" : "request rejected";
    };
  }

  private Fault takeFault(Call call) {
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      if (fault.matches(call.method(), call.path())) {
        it.remove();
        return fault;
      }
    }
    return null;
  }

  private static JsonNode body(RecordedRequest request) {
    if (request.getBody() == null || request.getBody().size() == 0) {
      return null;
    }
    String text = request.getBody().utf8();
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(text);
    }
  }
}
