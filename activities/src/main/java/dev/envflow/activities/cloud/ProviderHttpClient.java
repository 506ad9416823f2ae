package dev.envflow.activities.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import io.temporal.failure.ApplicationFailure;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A provider's HTTP API as JSON in, JSON out: base URL, authentication headers and timeouts set once; every
 * failure turned into envflow's failure classes by {@link ProviderFailures} with the provider's own error text.
 * One instance per provider; safe to share between activity threads.
 */
public final class ProviderHttpClient {

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
  /** How many times a GET is sent while it fails transiently, before the failure goes to Temporal's retry. */
  static final int READ_ATTEMPTS = 3;
  private static final Duration READ_RETRY_PAUSE = Duration.ofMillis(250);
  /** A {@code Retry-After} longer than this is left to Temporal's retry (the activity's attempt ends). */
  private static final Duration MAX_READ_RETRY_PAUSE = Duration.ofSeconds(2);
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Never resends a request on its own: OkHttp's retry on connection failure would send a create again after the
   * provider applied it and the connection broke before the answer — a second resource. envflow retries instead:
   * looks here ({@link #READ_ATTEMPTS}), writes through Temporal, whose retry finds and adopts what the first made.
   */
  private static final OkHttpClient SHARED = new OkHttpClient.Builder()
      .connectTimeout(CONNECT_TIMEOUT)
      .readTimeout(CALL_TIMEOUT)
      .callTimeout(CALL_TIMEOUT)
      .retryOnConnectionFailure(false)
      .build();

  /** The shared client as {@link #timeoutAfter} configured it; {@link #SHARED} unless told otherwise. */
  private static volatile OkHttpClient configured = SHARED;

  private static volatile ProviderRequestListener listener = ProviderRequestListener.NONE;

  private final String provider;
  private final HttpUrl baseUrl;
  private final UnaryOperator<Request.Builder> authentication;
  private final OkHttpClient http;
  private final ProviderErrorMapping errors;
  private final int readAttempts;

  /**
   * @param provider the spec's provider name, used in every message (e.g. {@code upstash})
   * @param baseUrl the API's base URL, e.g. {@code https://api.upstash.com}; paths are appended to it
   * @param authentication adds the provider's credentials to each request
   */
  public ProviderHttpClient(String provider, String baseUrl, UnaryOperator<Request.Builder> authentication) {
    this(provider, baseUrl, authentication, null);
  }

  public ProviderHttpClient(String provider, String baseUrl, UnaryOperator<Request.Builder> authentication,
      OkHttpClient http) {
    this(provider, baseUrl, authentication, http, ProviderErrorMapping.DEFAULT, READ_ATTEMPTS);
  }

  private ProviderHttpClient(String provider, String baseUrl, UnaryOperator<Request.Builder> authentication,
      OkHttpClient http, ProviderErrorMapping errors, int readAttempts) {
    this.provider = provider;
    this.errors = errors;
    this.readAttempts = readAttempts;
    HttpUrl parsed = HttpUrl.parse(baseUrl);
    if (parsed == null) {
      throw new IllegalArgumentException(provider + ": not an http(s) base URL: " + baseUrl);
    }
    this.baseUrl = parsed;
    this.authentication = authentication;
    this.http = http;
  }

  public String provider() {
    return provider;
  }

  /**
   * Installs the listener every client reports its calls to. Global on purpose: clients are built by each
   * provider's factory, and the worker has one metrics registry.
   */
  public static void listenWith(ProviderRequestListener newListener) {
    listener = newListener == null ? ProviderRequestListener.NONE : newListener;
  }

  /**
   * How long one request may take (read and whole call; {@link #CALL_TIMEOUT} by default) for every client built
   * without its own {@link OkHttpClient} — set from {@code ENVFLOW_PROVIDER_HTTP_TIMEOUT}; null restores the default.
   * Global like {@link #listenWith}: the worker has one set of provider variables.
   */
  public static void timeoutAfter(Duration timeout) {
    configured = timeout == null || timeout.equals(CALL_TIMEOUT) ? SHARED
        : SHARED.newBuilder().readTimeout(timeout).callTimeout(timeout).build();
  }

  /** The same client with the provider's own reading of error answers (e.g. Datadog's X-RateLimit-Reset). */
  public ProviderHttpClient withErrorMapping(ProviderErrorMapping mapping) {
    return new ProviderHttpClient(provider, baseUrl.toString(), authentication, http, mapping, readAttempts);
  }

  /** The same client sending each GET once: for a provider client that retries every call itself (Fly Machines). */
  public ProviderHttpClient withoutReadRetries() {
    return new ProviderHttpClient(provider, baseUrl.toString(), authentication, http, errors, 1);
  }

  /** GETs {@code path}; a 404 is a failure (use {@link #find} when absence is an answer). */
  public JsonNode get(ProviderCall call, String path) {
    return send(call, "GET", path, null).orElseThrow(() -> ProviderFailures.notFound(call));
  }

  /** GETs {@code path}; empty when the provider answers 404. */
  public Optional<JsonNode> find(ProviderCall call, String path) {
    return send(call, "GET", path, null);
  }

  public JsonNode post(ProviderCall call, String path, Object body) {
    return send(call, "POST", path, body).orElseThrow(() -> ProviderFailures.notFound(call));
  }

  /**
   * POSTs a request that only reads — a GraphQL query — and so is asked again like a GET while it fails transiently.
   * Never for anything that changes something: use {@link #post}.
   */
  public JsonNode postLook(ProviderCall call, String path, Object body) {
    return send(call, "POST", path, body, readAttempts).orElseThrow(() -> ProviderFailures.notFound(call));
  }

  public JsonNode put(ProviderCall call, String path, Object body) {
    return send(call, "PUT", path, body).orElseThrow(() -> ProviderFailures.notFound(call));
  }

  public JsonNode patch(ProviderCall call, String path, Object body) {
    return send(call, "PATCH", path, body).orElseThrow(() -> ProviderFailures.notFound(call));
  }

  /** DELETEs {@code path}; true when it was deleted now, false when it was already gone (404). */
  public boolean delete(ProviderCall call, String path) {
    return send(call, "DELETE", path, null).isPresent();
  }

  /**
   * Sends one request — a GET up to {@link #READ_ATTEMPTS} times while it fails transiently (a look changes nothing,
   * so one lost to a reset, a timeout, a 5xx or a short {@code Retry-After} is asked again at once, instead of failing
   * the whole activity attempt and repeating its other calls). 2xx → the body as JSON (an empty or non-JSON body becomes a text node); 404 → empty;
   * anything else → the classified failure of the {@link ProviderErrorMapping} ({@link ProviderFailures#fromResponse}
   * unless the provider has its own).
   */
  public Optional<JsonNode> send(ProviderCall call, String method, String path, Object body) {
    return send(call, method, path, body, "GET".equals(method) ? readAttempts : 1);
  }

  private Optional<JsonNode> send(ProviderCall call, String method, String path, Object body, int attempts) {
    for (int attempt = 1; ; attempt++) {
      try {
        return sendOnce(call, method, path, body);
      } catch (ApplicationFailure failure) {
        Duration pause = failure.getNextRetryDelay() != null ? failure.getNextRetryDelay()
            : READ_RETRY_PAUSE.multipliedBy(attempt);
        if (attempt >= attempts || failure.isNonRetryable() || !ProviderFailures.TRANSIENT.equals(failure.getType())
            || pause.compareTo(MAX_READ_RETRY_PAUSE) > 0 || !pause(pause)) {
          throw failure;
        }
      }
    }
  }

  private static boolean pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Optional<JsonNode> sendOnce(ProviderCall call, String method, String path, Object body) {
    Request.Builder request = new Request.Builder()
        .url(url(path))
        .header("Accept", "application/json")
        .method(method, body == null ? emptyBodyFor(method) : RequestBody.create(toJson(body), JSON_TYPE));
    authentication.apply(request);
    long started = System.nanoTime();
    String status = "io_error";
    try (Response response = (http != null ? http : configured).newCall(request.build()).execute()) {
      status = Integer.toString(response.code());
      String text = response.body().string();
      if (response.code() == 404) {
        return Optional.empty();
      }
      if (!response.isSuccessful()) {
        throw errors.failure(call, response.code(), text, response::header);
      }
      return Optional.of(parse(text));
    } catch (IOException e) {
      throw ProviderFailures.unreachable(call, e);
    } finally {
      listener.completed(provider, method, status, java.time.Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private HttpUrl url(String path) {
    String joined = baseUrl.toString().replaceAll("/+$", "") + (path.startsWith("/") ? path : "/" + path);
    HttpUrl url = HttpUrl.parse(joined);
    if (url == null) {
      throw new IllegalArgumentException(provider + ": cannot build a URL from " + path);
    }
    return url;
  }

  /** A path segment or query value, percent-encoded (a space as {@code %20}). */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The elements of an answer that is a JSON array; none when it is not one. */
  public static List<JsonNode> items(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(items::add);
    }
    return items;
  }

  private static RequestBody emptyBodyFor(String method) {
    return "GET".equals(method) || "DELETE".equals(method) ? null : RequestBody.create(new byte[0], JSON_TYPE);
  }

  private static String toJson(Object body) {
    try {
      return body instanceof String text ? text : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write a request body as JSON", e);
    }
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }
}
