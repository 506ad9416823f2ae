package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;

/**
 * Upstash's Developer API for Redis ({@code /v2/redis/...}) as a stateful fake: it keeps databases, checks
 * HTTP Basic credentials (401 with the OpenAPI's {@code {"code","message"}} error), validates create bodies
 * against {@code CreateDatabaseRequest} (required fields, enums, and no unknown fields so a typo fails a test),
 * and gives every database a real Redis ({@link FakeRedisServers}) with the generated password, over TLS when
 * the database has TLS. Upstash creates synchronously, so a database is {@code active} at once; {@link
 * #slowReadiness} makes new ones report {@code passive} for their first looks. {@link #faults()} injects
 * 429/5xx/4xx answers.
 */
public final class FakeUpstashApi implements AutoCloseable {

  public static final String EMAIL = "ops@example.com";
  public static final String API_KEY = "fake-upstash-api-key-0123";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> CREATE_FIELDS = Set.of("database_name", "platform", "primary_region",
      "read_regions", "plan", "budget", "eviction", "tls");
  private static final Set<String> PLATFORMS = Set.of("aws", "gcp");
  private static final Set<String> REGIONS = Set.of("us-east-1", "us-east-2", "us-west-1", "us-west-2",
      "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "sa-east-1", "ap-south-1", "ap-northeast-1",
      "ap-southeast-1", "ap-southeast-2", "af-south-1", "us-central1", "us-east4", "europe-west1", "asia-northeast1");
  private static final Set<String> PLANS = Set.of("free", "payg", "fixed_250mb", "fixed_1gb", "fixed_5gb",
      "fixed_10gb", "fixed_50gb", "fixed_100gb", "fixed_500gb");

  /** A database the fake keeps; {@code redis} is null for one seeded without a server. */
  private static final class Database {
    final ObjectNode json;
    final FakeRedisServers.Instance redis;
    int looksUntilActive;

    Database(ObjectNode json, FakeRedisServers.Instance redis, int looksUntilActive) {
      this.json = json;
      this.redis = redis;
      this.looksUntilActive = looksUntilActive;
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final FakeRedisServers redis;
  private final Faults faults = new Faults();
  private final RandomFaults randomFaults = new RandomFaults();
  private final Map<String, Integer> creations = new java.util.HashMap<>();
  private final Map<String, Database> databases = new LinkedHashMap<>();
  private final List<JsonNode> createRequests = new ArrayList<>();
  private final List<String> requestLines = new ArrayList<>();
  private int slowReadiness;

  public FakeUpstashApi(FakeRedisServers redis) {
    this.redis = redis;
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

  /** The value for {@code ENVFLOW_UPSTASH_API_URL}. */
  public String baseUrl() {
    return server.url("/").toString().replaceAll("/$", "");
  }

  /** The worker variables that point the upstash provider at this fake. */
  public Map<String, String> variables() {
    return Map.of("UPSTASH_EMAIL", EMAIL, "UPSTASH_API_KEY", API_KEY, "ENVFLOW_UPSTASH_API_URL", baseUrl());
  }

  public Faults faults() {
    return faults;
  }

  /** Transient faults at a rate, off until its rate is set (scenario 1b of the fault-injection suite). */
  public RandomFaults randomFaults() {
    return randomFaults;
  }

  /** How many databases named {@code name} this fake has created, including those whose answer was lost. */
  public synchronized int creations(String name) {
    return creations.getOrDefault(name, 0);
  }

  /** New databases report {@code passive} for their first {@code looks} GETs, then {@code active}. */
  public synchronized FakeUpstashApi slowReadiness(int looks) {
    this.slowReadiness = looks;
    return this;
  }

  /** Adds a database someone else made (no server behind it), created at {@code createdAt}. */
  public synchronized String seedDatabase(String name, Instant createdAt) {
    String id = UUID.randomUUID().toString();
    ObjectNode json = databaseJson(id, name, "us-east-1", "example-seeded-1.upstash.io", 6379, password(), true,
        false, createdAt);
    databases.put(id, new Database(json, null, 0));
    return id;
  }

  public synchronized List<String> databaseNames() {
    return databases.values().stream().map(d -> d.json.get("database_name").asText()).toList();
  }

  public synchronized List<String> databaseIds() {
    return List.copyOf(databases.keySet());
  }

  /** Every accepted or refused create body, in order. */
  public synchronized List<JsonNode> createRequests() {
    return List.copyOf(createRequests);
  }

  /** {@code METHOD /path} of every request that reached the fake, in order. */
  public synchronized List<String> requests() {
    return List.copyOf(requestLines);
  }

  @Override
  public void close() {
    server.close();
    synchronized (this) {
      databases.values().stream().filter(d -> d.redis != null).forEach(d -> redis.stop(d.redis));
      databases.clear();
    }
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    requestLines.add(request.getMethod() + " " + path);
    if (!Credentials.basic(EMAIL, API_KEY).equals(request.getHeaders().get("Authorization"))) {
      return error(401, "unauthorized", "Unauthorized: wrong email or API key");
    }
    MockResponse fault = faults.take(request);
    if (fault != null) {
      return fault;
    }
    return randomFaults.answer(request.getMethod() + " " + path, () -> handle(request, path), status -> error(status,
        status == 429 ? "rate_limited" : "internal_error", status == 429 ? "rate limit exceeded" : "internal error"));
  }

  private MockResponse handle(RecordedRequest request, String path) {
    String method = request.getMethod();
    if (method.equals("GET") && path.equals("/v2/redis/databases")) {
      ArrayNode list = JSON.createArrayNode();
      databases.values().forEach(d -> list.add(d.json));
      return ok(list.toString());
    }
    if (method.equals("POST") && path.equals("/v2/redis/database")) {
      return create(request);
    }
    if (path.startsWith("/v2/redis/database/")) {
      String id = path.substring("/v2/redis/database/".length());
      Database database = databases.get(id);
      if (database == null) {
        return error(404, "not_found", "database not found");
      }
      if (method.equals("GET")) {
        return ok(look(database, "hide".equals(request.getUrl().queryParameter("credentials"))).toString());
      }
      if (method.equals("DELETE")) {
        databases.remove(id);
        if (database.redis != null) {
          redis.stop(database.redis);
        }
        return ok("\"OK\"");
      }
      return error(405, "method_not_allowed", "method not allowed");
    }
    return error(404, "not_found", "no such endpoint: " + method + " " + path);
  }

  private MockResponse create(RecordedRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
    } catch (IOException e) {
      return error(400, "bad_request", "request body is not JSON");
    }
    createRequests.add(body);
    String problem = problemWith(body);
    if (problem != null) {
      return error(400, "bad_request", problem);
    }
    boolean tls = !body.has("tls") || body.get("tls").asBoolean();
    String password = password();
    FakeRedisServers.Instance instance = redis.start(password, tls);
    String id = UUID.randomUUID().toString();
    ObjectNode json = databaseJson(id, body.get("database_name").asText(), body.get("primary_region").asText(),
        instance.host(), instance.port(), password, tls, body.path("eviction").asBoolean(false), Instant.now());
    Database database = new Database(json, instance, slowReadiness);
    databases.put(id, database);
    creations.merge(body.get("database_name").asText(), 1, Integer::sum);
    json.put("state", database.looksUntilActive > 0 ? "passive" : "active");
    return ok(json.toString());
  }

  private static String problemWith(JsonNode body) {
    if (body == null || !body.isObject()) {
      return "request body must be a JSON object";
    }
    for (var names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!CREATE_FIELDS.contains(field)) {
        return "unknown field: " + field;
      }
    }
    if (!body.path("database_name").isTextual() || body.get("database_name").asText().isBlank()) {
      return "database_name is required";
    }
    if (!PLATFORMS.contains(body.path("platform").asText())) {
      return "platform must be one of " + PLATFORMS;
    }
    if (!REGIONS.contains(body.path("primary_region").asText())) {
      return "primary_region is not a valid region: " + body.path("primary_region").asText();
    }
    if (body.has("plan") && !PLANS.contains(body.get("plan").asText())) {
      return "plan is not valid: " + body.get("plan").asText();
    }
    for (String flag : List.of("tls", "eviction")) {
      if (body.has(flag) && !body.get(flag).isBoolean()) {
        return flag + " must be a boolean";
      }
    }
    return null;
  }

  private static ObjectNode look(Database database, boolean hideCredentials) {
    if (database.looksUntilActive > 0) {
      database.looksUntilActive--;
      database.json.put("state", "passive");
    } else {
      database.json.put("state", "active");
    }
    ObjectNode answer = database.json.deepCopy();
    if (hideCredentials) {
      answer.remove("password");
      answer.remove("rest_token");
    }
    return answer;
  }

  private static ObjectNode databaseJson(String id, String name, String region, String endpoint, int port,
      String password, boolean tls, boolean eviction, Instant createdAt) {
    ObjectNode json = JSON.createObjectNode();
    json.put("database_id", id);
    json.put("database_name", name);
    json.put("database_type", "Pay as You Go");
    json.put("region", "global");
    json.put("primary_region", region);
    json.putArray("read_regions");
    json.put("port", port);
    json.put("creation_time", createdAt.getEpochSecond());
    json.put("state", "active");
    json.put("password", password);
    json.put("endpoint", endpoint);
    json.put("tls", tls);
    json.put("eviction", eviction);
    json.put("auto_upgrade", false);
    json.put("consistent", false);
    json.put("rest_token", "AX" + password);
    json.put("type", "paid");
    json.put("modifying_state", "");
    return json;
  }

  private static String password() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static MockResponse ok(String body) {
    return Faults.json(200, body);
  }

  private static MockResponse error(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode().put("code", code).put("message", message);
    return Faults.json(status, body.toString());
  }
}
