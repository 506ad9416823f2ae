package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Redis Cloud's REST API v1 as a stateful fake, Essentials ({@code /fixed/...}) and Pro ({@code /subscriptions}):
 * it checks the {@code x-api-key} / {@code x-api-secret-key} headers, validates bodies against the official
 * client's models (unknown fields refused), and answers every mutation with a task that is processed over
 * successive {@code GET /tasks/{id}}: optionally unknown (404) at first, {@code received}, then
 * {@code processing-in-progress}, then {@code processing-completed} with {@code response.resourceId} — or
 * {@code processing-error}. Only then does the change happen: subscriptions and databases appear
 * {@code pending} and become {@code active} over later looks (any GET that shows them, list or single); a database gets a real Redis
 * ({@link FakeRedisServers}) with the requested password and TLS. Deletes go through tasks as well.
 */
public final class FakeRedisCloudApi implements AutoCloseable {

  public static final String ACCESS_KEY = "fake-account-key";
  public static final String SECRET_KEY = "fake-user-secret-key-0123";
  public static final long PAYMENT_METHOD = 4242;
  public static final long FREE_PLAN = 98181;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUBSCRIPTIONS =
      Pattern.compile("/v1(/fixed)?/subscriptions(?:/(\\d+)(/databases(?:/(\\d+))?)?)?");
  private static final class Subscription {
    final boolean essentials;
    final long id;
    final String name;
    final ObjectNode extra = JSON.createObjectNode();
    final Instant created = Instant.now();
    final Map<Long, Database> databases = new LinkedHashMap<>();
    String status = "pending";
    int looksUntilActive;

    Subscription(boolean essentials, long id, String name, int looksUntilActive) {
      this.essentials = essentials;
      this.id = id;
      this.name = name;
      this.looksUntilActive = looksUntilActive;
    }
  }

  private static final class Database {
    final long id;
    final String name;
    final JsonNode body;
    final String password;
    final FakeRedisServers.Instance redis;
    String status = "pending";
    int looksUntilActive;
    Instant activatedOn;

    Database(long id, String name, JsonNode body, String password, FakeRedisServers.Instance redis, int looks) {
      this.id = id;
      this.name = name;
      this.body = body;
      this.password = password;
      this.redis = redis;
      this.looksUntilActive = looks;
    }
  }

  private static final class Task {
    final String id = UUID.randomUUID().toString();
    final String commandType;
    final LongSupplier effect;
    int notFoundLeft;
    int looksLeft;
    String status = "received";
    Long resourceId;
    ObjectNode error;

    Task(String commandType, LongSupplier effect, int notFoundLeft, int looksLeft) {
      this.commandType = commandType;
      this.effect = effect;
      this.notFoundLeft = notFoundLeft;
      this.looksLeft = looksLeft;
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final FakeRedisServers redis;
  private final Faults faults = new Faults();
  private final RandomFaults randomFaults = new RandomFaults();
  private final Map<Long, Subscription> subscriptions = new LinkedHashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final List<String> requestLines = new ArrayList<>();
  private final Map<String, List<JsonNode>> bodies = new LinkedHashMap<>();
  private long nextId = 1000;
  private int taskNotFoundFirst;
  private int taskLooks = 1;
  private int subscriptionLooks = 1;
  private int databaseLooks = 1;
  private String failNextTask;
  private Task newestTask;
  private boolean paymentMethods = true;

  public FakeRedisCloudApi(FakeRedisServers redis) {
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

  /** The value for {@code ENVFLOW_REDISCLOUD_API_URL}. */
  public String baseUrl() {
    return server.url("/v1").toString();
  }

  public Faults faults() {
    return faults;
  }

  /** Transient faults at a rate, off until its rate is set (scenario 1b of the fault-injection suite). */
  public RandomFaults randomFaults() {
    return randomFaults;
  }

  /** The worker variables that point the redis-cloud provider at this fake. */
  public Map<String, String> variables() {
    return Map.of("REDISCLOUD_ACCESS_KEY", ACCESS_KEY, "REDISCLOUD_SECRET_KEY", SECRET_KEY,
        "ENVFLOW_REDISCLOUD_API_URL", baseUrl());
  }

  /** Each new task is unknown (404) for its first {@code looks} polls, as right after a real mutation. */
  public synchronized FakeRedisCloudApi taskNotFoundFirst(int looks) {
    taskNotFoundFirst = looks;
    return this;
  }

  /** Each new task stays {@code processing-in-progress} for {@code looks} polls before it completes. */
  public synchronized FakeRedisCloudApi taskLooks(int looks) {
    taskLooks = looks;
    return this;
  }

  /** New subscriptions and databases stay {@code pending} for this many GETs before {@code active}. */
  public synchronized FakeRedisCloudApi provisioningLooks(int subscriptionLooks, int databaseLooks) {
    this.subscriptionLooks = subscriptionLooks;
    this.databaseLooks = databaseLooks;
    return this;
  }

  /** The next task ends {@code processing-error} with this description. */
  public synchronized FakeRedisCloudApi failNextTask(String description) {
    failNextTask = description;
    return this;
  }

  public synchronized FakeRedisCloudApi withoutPaymentMethods() {
    paymentMethods = false;
    return this;
  }

  /** Adds an active subscription someone else made, with a database of {@code databaseName} activated long ago. */
  public synchronized long seedSubscription(boolean essentials, String name, String databaseName) {
    Subscription subscription = new Subscription(essentials, nextId++, name, 0);
    subscription.status = "active";
    subscription.extra.put("creationDate", Instant.now().minus(90, ChronoUnit.DAYS).toString());
    if (databaseName != null) {
      Database database = new Database(nextId++, databaseName, JSON.createObjectNode(), "seeded", null, 0);
      database.status = "active";
      database.activatedOn = Instant.now().minus(90, ChronoUnit.DAYS);
      subscription.databases.put(database.id, database);
    }
    subscriptions.put(subscription.id, subscription);
    return subscription.id;
  }

  public synchronized List<String> subscriptionNames() {
    return subscriptions.values().stream().map(s -> s.name).toList();
  }

  public synchronized List<String> databaseNames() {
    return subscriptions.values().stream().flatMap(s -> s.databases.values().stream()).map(d -> d.name).toList();
  }

  /** {@code METHOD /path} of every request that reached the fake, in order. */
  public synchronized List<String> requests() {
    return List.copyOf(requestLines);
  }

  /** The bodies POSTed to {@code path} (e.g. {@code /v1/fixed/subscriptions}), valid or not, in order. */
  public synchronized List<JsonNode> posted(String path) {
    return List.copyOf(bodies.getOrDefault(path, List.of()));
  }

  /** Bodies POSTed to any path ending with {@code suffix}, in order. */
  public synchronized List<JsonNode> postedTo(String suffix) {
    return bodies.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).flatMap(e -> e.getValue().stream())
        .toList();
  }

  @Override
  public void close() {
    server.close();
    synchronized (this) {
      subscriptions.values().forEach(s -> s.databases.values().stream().filter(d -> d.redis != null)
          .forEach(d -> redis.stop(d.redis)));
      subscriptions.clear();
    }
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    String method = request.getMethod();
    String path = request.getUrl().encodedPath();
    requestLines.add(method + " " + path);
    if (!ACCESS_KEY.equals(request.getHeaders().get("x-api-key"))
        || !SECRET_KEY.equals(request.getHeaders().get("x-api-secret-key"))) {
      return error(401, "UNAUTHORIZED", "Authentication failed for requested resource");
    }
    JsonNode body = null;
    if (method.equals("POST")) {
      try {
        body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
      } catch (IOException e) {
        return error(400, "BAD_REQUEST", "request body is not JSON");
      }
      bodies.computeIfAbsent(path, p -> new ArrayList<>()).add(body);
    }
    MockResponse fault = faults.take(request);
    if (fault != null) {
      return fault;
    }
    JsonNode posted = body;
    int lostBefore = randomFaults.afterHandling();
    Task newestBefore = newestTask;
    MockResponse answer = randomFaults.answer(method + " " + path, () -> handle(request, method, path, posted),
        status -> error(status, status == 429 ? "TOO_MANY_REQUESTS" : "INTERNAL_SERVER_ERROR",
            status == 429 ? "Too many requests" : "Internal server error"));
    if (randomFaults.afterHandling() > lostBefore && newestTask != newestBefore) {
      processUnwatched(newestTask);
    }
    return answer;
  }

  /**
   * Redis Cloud processes a task whether or not anyone polls it: when the answer naming the task was lost, its
   * change happens anyway (here at once), so a retried create must find what it made.
   */
  private void processUnwatched(Task task) {
    task.notFoundLeft = 0;
    task.looksLeft = 0;
    if (task.error != null) {
      task.status = "processing-error";
    } else {
      task.resourceId = task.effect.getAsLong();
      task.status = "processing-completed";
    }
  }

  private MockResponse handle(RecordedRequest request, String method, String path, JsonNode body) {
    if (method.equals("GET") && path.startsWith("/v1/tasks/")) {
      return task(path.substring("/v1/tasks/".length()));
    }
    if (method.equals("GET") && path.equals("/v1/fixed/plans")) {
      return ok(plans().toString());
    }
    if (method.equals("GET") && path.equals("/v1/payment-methods")) {
      ObjectNode answer = JSON.createObjectNode();
      ArrayNode list = answer.putArray("paymentMethods");
      if (paymentMethods) {
        list.addObject().put("id", PAYMENT_METHOD).put("type", "Visa").put("creditCardEndsWith", 4242);
      }
      return ok(answer.toString());
    }
    Matcher matcher = SUBSCRIPTIONS.matcher(path);
    if (!matcher.matches()) {
      return error(404, "NOT_FOUND", "no such endpoint: " + method + " " + path);
    }
    boolean essentials = matcher.group(1) != null;
    if (matcher.group(2) == null) {
      return switch (method) {
        case "GET" -> ok(subscriptionList(essentials).toString());
        case "POST" -> createSubscription(essentials, body);
        default -> error(405, "METHOD_NOT_ALLOWED", method);
      };
    }
    Subscription subscription = subscriptions.get(Long.parseLong(matcher.group(2)));
    if (subscription == null || subscription.essentials != essentials) {
      return error(404, "SUBSCRIPTION_NOT_FOUND", "Subscription " + matcher.group(2) + " was not found");
    }
    if (matcher.group(3) == null) {
      return switch (method) {
        case "GET" -> ok(look(subscription).toString());
        case "DELETE" -> deleteSubscription(subscription);
        default -> error(405, "METHOD_NOT_ALLOWED", method);
      };
    }
    if (matcher.group(4) == null) {
      return switch (method) {
        case "GET" -> ok(databaseList(subscription, request).toString());
        case "POST" -> createDatabase(subscription, body);
        default -> error(405, "METHOD_NOT_ALLOWED", method);
      };
    }
    Database database = subscription.databases.get(Long.parseLong(matcher.group(4)));
    if (database == null) {
      return error(404, "DATABASE_NOT_FOUND", "Database " + matcher.group(4) + " was not found");
    }
    return switch (method) {
      case "GET" -> ok(look(subscription, database).toString());
      case "DELETE" -> deleteDatabase(subscription, database);
      default -> error(405, "METHOD_NOT_ALLOWED", method);
    };
  }

  private MockResponse createSubscription(boolean essentials, JsonNode body) {
    String problem = essentials
        ? FakeRedisCloudRules.essentialsSubscription(body, plans().get("plans"), this::knownPaymentMethod)
        : FakeRedisCloudRules.proSubscription(body, this::knownPaymentMethod);
    if (problem != null) {
      return error(400, "BAD_REQUEST", problem);
    }
    String name = body.get("name").asText();
    return accepted(newTask(essentials ? "fixedSubscriptionCreateRequest" : "subscriptionCreateRequest", () -> {
      Subscription subscription = new Subscription(essentials, nextId++, name, subscriptionLooks);
      if (essentials) {
        subscription.extra.put("planId", body.get("planId").asLong());
        subscription.extra.put("creationDate", subscription.created.toString());
      } else {
        subscription.extra.put("memoryStorage", body.path("memoryStorage").asText("ram"));
      }
      if (body.has("paymentMethodId")) {
        subscription.extra.put("paymentMethodId", body.get("paymentMethodId").asLong());
      }
      subscriptions.put(subscription.id, subscription);
      return subscription.id;
    }));
  }

  private MockResponse deleteSubscription(Subscription subscription) {
    if (!subscription.databases.isEmpty()) {
      return error(409, "SUBSCRIPTION_NOT_EMPTY", "Subscription " + subscription.id + " still has databases");
    }
    subscription.status = "deleting";
    return accepted(newTask("subscriptionDeleteRequest", () -> {
      subscriptions.remove(subscription.id);
      return subscription.id;
    }));
  }

  private MockResponse createDatabase(Subscription subscription, JsonNode body) {
    String problem = FakeRedisCloudRules.database(subscription.essentials, body);
    if (problem != null) {
      return error(400, "BAD_REQUEST", problem);
    }
    if (!"active".equals(subscription.status)) {
      return error(400, "SUBSCRIPTION_NOT_ACTIVE", "Subscription " + subscription.id + " is not active");
    }
    if (subscription.essentials && body.path("enableTls").asBoolean(false) && freePlan(subscription)) {
      return error(400, "BAD_REQUEST", "TLS is not available for Free Redis Cloud Essentials plans");
    }
    return accepted(newTask("databaseCreateRequest", () -> {
      String password = body.path("password").asText("generated-" + UUID.randomUUID());
      FakeRedisServers.Instance instance = redis.start(password, body.path("enableTls").asBoolean(false));
      Database database = new Database(nextId++, body.get("name").asText(), body, password, instance, databaseLooks);
      subscription.databases.put(database.id, database);
      return database.id;
    }));
  }

  private MockResponse deleteDatabase(Subscription subscription, Database database) {
    database.status = "deleting";
    return accepted(newTask("databaseDeleteRequest", () -> {
      subscription.databases.remove(database.id);
      if (database.redis != null) {
        redis.stop(database.redis);
      }
      return database.id;
    }));
  }

  private Task newTask(String commandType, LongSupplier effect) {
    Task task = new Task(commandType, effect, taskNotFoundFirst, taskLooks);
    if (failNextTask != null) {
      task.error = JSON.createObjectNode().put("type", "GENERAL_ERROR").put("status", "400 BAD_REQUEST")
          .put("description", failNextTask);
      failNextTask = null;
    }
    tasks.put(task.id, task);
    newestTask = task;
    return task;
  }

  private MockResponse task(String id) {
    Task task = tasks.get(id);
    if (task == null) {
      return error(404, "TASK_NOT_FOUND", "Task " + id + " was not found");
    }
    if (task.notFoundLeft > 0) {
      task.notFoundLeft--;
      return error(404, "TASK_NOT_FOUND", "Task " + id + " was not found");
    }
    if (task.status.equals("received") || task.status.equals("processing-in-progress")) {
      if (task.looksLeft > 0) {
        task.looksLeft--;
        task.status = "processing-in-progress";
      } else if (task.error != null) {
        task.status = "processing-error";
      } else {
        task.resourceId = task.effect.getAsLong();
        task.status = "processing-completed";
      }
    }
    return ok(taskJson(task).toString());
  }

  private MockResponse accepted(Task task) {
    return Faults.json(202, taskJson(task).toString());
  }

  private ObjectNode taskJson(Task task) {
    ObjectNode json = JSON.createObjectNode();
    json.put("taskId", task.id);
    json.put("commandType", task.commandType);
    json.put("status", task.status);
    json.put("description", switch (task.status) {
      case "received" -> "Task request received and is being queued for processing.";
      case "processing-completed" -> "Request processing completed successfully";
      case "processing-error" -> "Task request failed during processing. See error information for failure details.";
      default -> "Task request is being processed";
    });
    json.put("timestamp", Instant.now().toString());
    if (task.resourceId != null || task.error != null && task.status.equals("processing-error")) {
      ObjectNode response = json.putObject("response");
      if (task.resourceId != null) {
        response.put("resourceId", task.resourceId);
      } else {
        response.set("error", task.error);
      }
    }
    json.putObject("_links").putObject("task").put("href", baseUrl() + "/tasks/" + task.id)
        .put("title", "getTaskStatusUpdates").put("type", "GET");
    return json;
  }

  private ObjectNode subscriptionList(boolean essentials) {
    ObjectNode answer = JSON.createObjectNode();
    if (!essentials) {
      answer.put("accountId", 40131);
    }
    ArrayNode list = answer.putArray("subscriptions");
    subscriptions.values().stream().filter(s -> s.essentials == essentials).forEach(s -> list.add(look(s)));
    return answer;
  }

  private ObjectNode look(Subscription subscription) {
    if ("pending".equals(subscription.status)) {
      if (subscription.looksUntilActive > 0) {
        subscription.looksUntilActive--;
      } else {
        subscription.status = "active";
      }
    }
    return subscriptionJson(subscription);
  }

  private static ObjectNode subscriptionJson(Subscription subscription) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", subscription.id);
    json.put("name", subscription.name);
    json.put("status", subscription.status);
    json.setAll(subscription.extra);
    if (!subscription.essentials) {
      json.put("numberOfDatabases", subscription.databases.size());
      json.putArray("cloudDetails").addObject().put("provider", "AWS").put("cloudAccountId", 1);
    }
    return json;
  }

  private ObjectNode databaseList(Subscription subscription, RecordedRequest request) {
    int offset = parse(request.getUrl().queryParameter("offset"), 0);
    int limit = parse(request.getUrl().queryParameter("limit"), 100);
    ObjectNode entry = JSON.createObjectNode().put("subscriptionId", subscription.id);
    ArrayNode databases = entry.putArray("databases");
    subscription.databases.values().stream().skip(offset).limit(limit)
        .forEach(database -> databases.add(look(subscription, database)));
    ObjectNode answer = JSON.createObjectNode();
    if (subscription.essentials) {
      answer.set("subscription", entry);
    } else {
      answer.putArray("subscription").add(entry);
    }
    return answer;
  }

  private ObjectNode look(Subscription subscription, Database database) {
    if ("pending".equals(database.status)) {
      if (database.looksUntilActive > 0) {
        database.looksUntilActive--;
      } else {
        database.status = "active";
        database.activatedOn = Instant.now();
      }
    }
    return databaseJson(subscription, database);
  }

  private static ObjectNode databaseJson(Subscription subscription, Database database) {
    ObjectNode json = JSON.createObjectNode();
    json.put("databaseId", database.id);
    json.put("name", database.name);
    json.put("protocol", "redis");
    json.put("provider", "AWS");
    json.put("region", "us-east-1");
    json.put("status", database.status);
    json.put("dataPersistence", database.body.path("dataPersistence").asText("none"));
    json.put("replication", database.body.path("replication").asBoolean(false));
    json.put("dataEvictionPolicy", database.body.path("dataEvictionPolicy").asText("volatile-lru"));
    if (database.redis != null) {
      json.put("publicEndpoint", database.redis.host() + ":" + database.redis.port());
      json.put("privateEndpoint", "internal.fake-" + database.id + ".rlrcp.com:" + database.redis.port());
    } else {
      json.put("publicEndpoint", "redis-" + database.id + ".c1.us-east-1-2.ec2.cloud.redislabs.com:16379");
    }
    ObjectNode security = json.putObject("security");
    security.put(subscription.essentials ? "defaultUserEnabled" : "enableDefaultUser", true);
    security.put("password", database.password);
    security.put("enableTls", database.redis != null && database.redis.tls());
    security.putArray("sourceIps").add("0.0.0.0/0");
    if (database.activatedOn != null) {
      json.put("activatedOn", database.activatedOn.truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return json;
  }

  private static ObjectNode plans() {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode plans = answer.putArray("plans");
    long id = FREE_PLAN;
    for (String region : List.of("us-east-1", "us-west-1", "eu-west-1")) {
      plan(plans, id++, "Standard 30MB", 30, "MB", region, 0, false);
      plan(plans, id++, "Standard 250MB", 250, "MB", region, 5, false);
      plan(plans, id++, "Standard 1GB", 1, "GB", region, 22, true);
    }
    return answer;
  }

  private static void plan(ArrayNode plans, long id, String name, int size, String unit, String region, int price,
      boolean replication) {
    plans.addObject().put("id", id).put("name", name).put("size", size).put("sizeMeasurementUnit", unit)
        .put("provider", "AWS").put("region", region).put("regionId", 1).put("price", price)
        .put("priceCurrency", "USD").put("pricePeriod", "Month").put("maximumDatabases", 1)
        .put("availability", replication ? "Single-zone" : "No replication").put("supportReplication", replication)
        .put("supportDataPersistence", price > 0);
  }

  private static boolean freePlan(Subscription subscription) {
    for (JsonNode plan : plans().get("plans")) {
      if (plan.get("id").asLong() == subscription.extra.path("planId").asLong(-1)) {
        return plan.get("price").asInt() == 0;
      }
    }
    return false;
  }

  private boolean knownPaymentMethod(JsonNode body) {
    return paymentMethods && body.path("paymentMethodId").asLong(-1) == PAYMENT_METHOD;
  }

  private static int parse(String text, int fallback) {
    try {
      return text == null ? fallback : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static MockResponse ok(String body) {
    return Faults.json(200, body);
  }

  private static MockResponse error(int status, String type, String description) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("type", type).put("status", status + " " + statusText(status))
        .put("description", description);
    return Faults.json(status, body.toString());
  }

  private static String statusText(int status) {
    return switch (status) {
      case 400 -> "BAD_REQUEST";
      case 401 -> "UNAUTHORIZED";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 409 -> "CONFLICT";
      case 429 -> "TOO_MANY_REQUESTS";
      case 500 -> "INTERNAL_SERVER_ERROR";
      case 503 -> "SERVICE_UNAVAILABLE";
      default -> "ERROR";
    };
  }
}
