package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stateful fake of Fly's Machines API ({@code provider-apis.md} 5.1 and 5.2) on a MockWebServer: apps, machines
 * moving through {@code created → started} (or {@code stopped} when told they never start), {@code /wait} answering
 * 200 or 408, secrets with digests and a version per app, and injected 401/404/408/422/429/5xx answers. It accepts
 * {@code Authorization: Bearer <token>} and {@code FlyV1 <token>}. Secret values are kept so that a test can see
 * what a machine started with, as the application inside it would.
 */
public final class FakeFlyMachinesApi extends Dispatcher implements AutoCloseable {

  public static final String TOKEN = "fly-test-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern APP = Pattern.compile("/v1/apps/([^/]+)");
  private static final Pattern SECRETS = Pattern.compile("/v1/apps/([^/]+)/secrets");
  private static final Pattern MACHINES = Pattern.compile("/v1/apps/([^/]+)/machines");
  private static final Pattern MACHINE = Pattern.compile("/v1/apps/([^/]+)/machines/([^/]+)");
  private static final Pattern WAIT = Pattern.compile("/v1/apps/([^/]+)/machines/([^/]+)/wait");

  /** A machine's instance reached {@code started}: what the application inside it sees. */
  public record Started(String app, String machineId, String image, Map<String, String> secrets) {}

  /** One request as Fly received it. */
  public record Call(String method, String path, String query, JsonNode body, String authorization) {
    @Override
    public String toString() {
      return method + " " + path + (query == null ? "" : "?" + query);
    }
  }

  /** {@code afterDoingIt}: the request takes effect, but its answer is this failure (a lost answer). */
  private record Fault(String method, String pathPrefix, int status, String error, String retryAfter, boolean afterDoingIt) {}

  private record Secret(String value, String digest, Instant createdAt, Instant updatedAt) {}

  private static final class App {
    final String id;
    final String name;
    final String org;
    final Map<String, Machine> machines = new LinkedHashMap<>();
    final Map<String, Secret> secrets = new LinkedHashMap<>();
    long secretsVersion;

    App(String id, String name, String org) {
      this.id = id;
      this.name = name;
      this.org = org;
    }
  }

  private static final class Machine {
    final String id;
    final String name;
    String state = "created";
    String instanceId;
    ObjectNode config;
    boolean pendingStart = true;
    Map<String, String> env = Map.of();

    Machine(String id, String name, ObjectNode config) {
      this.id = id;
      this.name = name;
      this.config = config;
    }

    String image() {
      return config.path("image").asText();
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final String token;
  private final Map<String, App> apps = new LinkedHashMap<>();
  private final Set<String> foreignApps = new java.util.HashSet<>();
  private final Map<String, Set<String>> neverStart = new LinkedHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final RandomFaults randomFaults = new RandomFaults();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Consumer<Started>> startListeners = new CopyOnWriteArrayList<>();
  private final List<String> deletedApps = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong(0x3d8d9000L);

  private FakeFlyMachinesApi(String token) {
    this.token = token;
  }

  /** Starts the fake on a free local port, accepting {@link #TOKEN}. */
  public static FakeFlyMachinesApi start() {
    return start(TOKEN);
  }

  public static FakeFlyMachinesApi start(String token) {
    FakeFlyMachinesApi fake = new FakeFlyMachinesApi(token);
    fake.server.setDispatcher(fake);
    try {
      fake.server.start(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fake;
  }

  /** What {@code ENVFLOW_FLY_API_URL} should be. */
  public String baseUrl() {
    return server.url("/").toString().replaceAll("/$", "");
  }

  /** The worker variables that point the fly PaaS provider at this fake (org {@code personal}). */
  public Map<String, String> variables() {
    return Map.of("FLY_API_TOKEN", token, "FLY_ORG", "personal", "ENVFLOW_FLY_API_URL", baseUrl());
  }

  // ---- setting the scene ----

  /** An app that already exists in org {@code personal}. */
  public synchronized FakeFlyMachinesApi existingApp(String name) {
    apps.putIfAbsent(name, new App(nextId(), name, "personal"));
    return this;
  }

  /** An app name taken in an organization the token cannot see: GET answers 403, create 422. */
  public synchronized FakeFlyMachinesApi foreignApp(String name) {
    foreignApps.add(name);
    return this;
  }

  /** {@code count} started machines running {@code image}, with a full configuration; returns their ids. */
  public synchronized List<String> runningMachines(String appName, int count, String image) {
    App app = app(appName);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectNode config = JSON.createObjectNode().put("image", image);
      config.putObject("guest").put("cpu_kind", "shared").put("cpus", 1).put("memory_mb", 256);
      config.putArray("services").addObject().put("protocol", "tcp").put("internal_port", 8080)
          .putArray("ports").addObject().put("port", 443).putArray("handlers").add("tls").add("http");
      config.putObject("env").put("NODE_ENV", "production");
      Machine machine = new Machine(nextId(), "app-" + (i + 1), config);
      start(app, machine);
      app.machines.put(machine.id, machine);
      created.add(machine.id);
    }
    return created;
  }

  public synchronized FakeFlyMachinesApi existingSecret(String appName, String name, String value) {
    App app = app(appName);
    Instant now = Instant.now();
    app.secrets.put(name, new Secret(value, digest(value), now, now));
    app.secretsVersion++;
    return this;
  }

  /** Machine {@code machineId} never reaches started while it runs {@code image}: it stops, and /wait times out. */
  public synchronized FakeFlyMachinesApi neverStarts(String machineId, String image) {
    neverStart.computeIfAbsent(machineId, id -> new java.util.HashSet<>()).add(image);
    return this;
  }

  /** No machine running {@code image} ever starts (including machines not created yet). */
  public synchronized FakeFlyMachinesApi imageNeverStarts(String image) {
    return neverStarts("*", image);
  }

  /** The next request whose method and path start so gets this answer instead, with Fly's error body. */
  public synchronized FakeFlyMachinesApi failNext(String method, String pathPrefix, int status, String error) {
    return failNext(method, pathPrefix, status, error, null);
  }

  public synchronized FakeFlyMachinesApi failNext(String method, String pathPrefix, int status, String error,
      String retryAfter) {
    faults.add(new Fault(method, pathPrefix, status, error, retryAfter, false));
    return this;
  }

  /** The next such request takes effect, but Fly's answer is lost: the client sees a 503. */
  public synchronized FakeFlyMachinesApi loseAnswerOfNext(String method, String pathPrefix) {
    faults.add(new Fault(method, pathPrefix, 503, "upstream connect error", null, true));
    return this;
  }

  /** Transient faults at a rate, off until its rate is set (scenario 1b of the fault-injection suite). */
  public RandomFaults randomFaults() {
    return randomFaults;
  }

  public void onMachineStarted(Consumer<Started> listener) {
    startListeners.add(listener);
  }

  // ---- looking at the state ----

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Calls as {@code METHOD /path}, without queries. */
  public List<String> requests() {
    return calls.stream().map(c -> c.method() + " " + c.path()).toList();
  }

  public synchronized boolean hasApp(String name) {
    return apps.containsKey(name);
  }

  public List<String> deletedApps() {
    return List.copyOf(deletedApps);
  }

  public synchronized Map<String, String> secretValues(String appName) {
    Map<String, String> values = new LinkedHashMap<>();
    Optional.ofNullable(apps.get(appName)).ifPresent(a -> a.secrets.forEach((k, v) -> values.put(k, v.value())));
    return values;
  }

  public synchronized long secretsVersion(String appName) {
    return app(appName).secretsVersion;
  }

  /** Image of each live machine, by id, in creation order. */
  public synchronized Map<String, String> machineImages(String appName) {
    Map<String, String> images = new LinkedHashMap<>();
    app(appName).machines.values().stream().filter(m -> !m.state.equals("destroyed"))
        .forEach(m -> images.put(m.id, m.image()));
    return images;
  }

  public synchronized Map<String, String> machineStates(String appName) {
    Map<String, String> states = new LinkedHashMap<>();
    app(appName).machines.values().forEach(m -> states.put(m.id, m.state));
    return states;
  }

  /** The secrets the machine's current instance started with. */
  public synchronized Map<String, String> machineEnv(String appName, String machineId) {
    return Map.copyOf(app(appName).machines.get(machineId).env);
  }

  public synchronized ObjectNode machineConfig(String appName, String machineId) {
    return app(appName).machines.get(machineId).config.deepCopy();
  }

  @Override
  public void close() {
    server.close();
  }

  // ---- the API ----

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    String method = request.getMethod();
    String path = request.getUrl().encodedPath();
    String query = request.getUrl().encodedQuery();
    JsonNode body = parse(request);
    String authorization = request.getHeaders().get("Authorization");
    calls.add(new Call(method, path, query, body, authorization));
    if (!("Bearer " + token).equals(authorization) && !("FlyV1 " + token).equals(authorization)) {
      return error(401, "Authenticate: token validation error");
    }
    for (Fault fault : faults) {
      if (fault.method().equals(method) && path.startsWith(fault.pathPrefix())) {
        faults.remove(fault);
        if (fault.afterDoingIt()) {
          route(request, method, path, body);
        }
        MockResponse.Builder answer = new MockResponse.Builder().code(fault.status())
            .setHeader("Content-Type", "application/json").body(json(JSON.createObjectNode().put("error", fault.error())));
        if (fault.retryAfter() != null) {
          answer.setHeader("Retry-After", fault.retryAfter());
        }
        return answer.build();
      }
    }
    return randomFaults.answer(method + " " + path, () -> route(request, method, path, body),
        status -> error(status, status == 429 ? "rate limit exceeded" : "upstream connect error"));
  }

  private MockResponse route(RecordedRequest request, String method, String path, JsonNode body) {
    Matcher m;
    if (path.equals("/v1/apps") && method.equals("POST")) {
      return createApp(body);
    }
    if ((m = WAIT.matcher(path)).matches() && method.equals("GET")) {
      return waitFor(m.group(1), m.group(2), request.getUrl().queryParameter("instance_id"),
          request.getUrl().queryParameter("state"));
    }
    if ((m = MACHINE.matcher(path)).matches()) {
      return machine(method, m.group(1), m.group(2), body);
    }
    if ((m = MACHINES.matcher(path)).matches()) {
      return machines(method, m.group(1), body);
    }
    if ((m = SECRETS.matcher(path)).matches()) {
      return secrets(method, m.group(1), body);
    }
    if ((m = APP.matcher(path)).matches()) {
      return app(method, m.group(1), request.getUrl().queryParameter("force"));
    }
    return error(404, "not found");
  }

  private MockResponse createApp(JsonNode body) {
    String name = body.hasNonNull("app_name") ? body.path("app_name").asText() : body.path("name").asText();
    if (name.isBlank()) {
      return error(400, "app_name is required");
    }
    if (apps.containsKey(name) || foreignApps.contains(name)) {
      return error(422, "Validation failed: Name has already been taken");
    }
    App app = new App(nextId(), name, body.path("org_slug").asText("personal"));
    apps.put(name, app);
    return ok(201, JSON.createObjectNode().put("id", app.id).put("created_at", Instant.now().toEpochMilli()));
  }

  private MockResponse app(String method, String name, String force) {
    if (foreignApps.contains(name)) {
      return error(403, "unauthorized");
    }
    App app = apps.get(name);
    if (app == null) {
      return error(404, "app not found");
    }
    if (method.equals("GET")) {
      ObjectNode answer = JSON.createObjectNode().put("id", app.id).put("name", app.name)
          .put("status", app.machines.isEmpty() ? "pending" : "deployed");
      answer.putObject("organization").put("name", app.org).put("slug", app.org);
      return ok(200, answer);
    }
    if (method.equals("DELETE")) {
      boolean running = app.machines.values().stream().anyMatch(machine -> machine.state.equals("started"));
      if (running && !"true".equals(force)) {
        return error(412, "Machines should be stopped before attempting deletion");
      }
      apps.remove(name);
      deletedApps.add(name);
      return new MockResponse.Builder().code(202).build();
    }
    return error(405, "method not allowed");
  }

  private MockResponse secrets(String method, String appName, JsonNode body) {
    App app = apps.get(appName);
    if (app == null) {
      return error(404, "app not found");
    }
    if (method.equals("POST")) {
      JsonNode values = body.path("values");
      if (!values.isObject() || values.isEmpty()) {
        return error(400, "values is required");
      }
      Instant now = Instant.now();
      values.fields().forEachRemaining(entry -> {
        if (entry.getValue().isNull()) {
          app.secrets.remove(entry.getKey());
        } else {
          String value = entry.getValue().asText();
          Secret before = app.secrets.get(entry.getKey());
          app.secrets.put(entry.getKey(), new Secret(value, digest(value), before == null ? now : before.createdAt(), now));
        }
      });
      app.secretsVersion++;
      ObjectNode answer = secretList(app);
      answer.put("version", app.secretsVersion);
      return ok(200, answer);
    }
    return ok(200, secretList(app));
  }

  private static ObjectNode secretList(App app) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode list = answer.putArray("secrets");
    app.secrets.forEach((name, secret) -> list.addObject().put("name", name).put("digest", secret.digest())
        .put("created_at", secret.createdAt().toString()).put("updated_at", secret.updatedAt().toString()));
    return answer;
  }

  private MockResponse machines(String method, String appName, JsonNode body) {
    App app = apps.get(appName);
    if (app == null) {
      return error(404, "app not found");
    }
    if (method.equals("POST")) {
      if (!body.path("config").isObject() || body.path("config").path("image").asText().isBlank()) {
        return error(422, "config.image is required");
      }
      String name = body.path("name").asText("machine-" + (app.machines.size() + 1));
      if (app.machines.values().stream().anyMatch(existing -> existing.name.equals(name) && !existing.state.equals("destroyed"))) {
        return error(409, "a machine named " + name + " already exists");
      }
      Machine machine = new Machine(nextId(), name, (ObjectNode) body.path("config").deepCopy());
      replace(app, machine, body);
      app.machines.put(machine.id, machine);
      return ok(200, view(machine));
    }
    ArrayNode list = JSON.createArrayNode();
    app.machines.values().stream().filter(machine -> !machine.state.equals("destroyed"))
        .forEach(machine -> list.add(view(machine)));
    return ok(200, list);
  }

  private MockResponse machine(String method, String appName, String id, JsonNode body) {
    App app = apps.get(appName);
    Machine machine = app == null ? null : app.machines.get(id);
    if (machine == null || (machine.state.equals("destroyed") && !method.equals("GET"))) {
      return error(404, "machine not found");
    }
    switch (method) {
      case "GET" -> {
        return ok(200, view(machine));
      }
      case "POST" -> {
        if (!body.path("config").isObject() || body.path("config").path("image").asText().isBlank()) {
          return error(422, "config.image is required");
        }
        if (body.has("min_secrets_version") && body.path("min_secrets_version").asLong() > app.secretsVersion) {
          return error(422, "min_secrets_version " + body.path("min_secrets_version").asLong() + " is newer than the"
              + " app's secrets (version " + app.secretsVersion + ")");
        }
        machine.config = (ObjectNode) body.path("config").deepCopy();
        replace(app, machine, body);
        return ok(200, view(machine));
      }
      case "DELETE" -> {
        machine.state = "destroyed";
        return ok(200, JSON.createObjectNode().put("ok", true));
      }
      default -> {
        return error(405, "method not allowed");
      }
    }
  }

  /** A new instance of the machine with its new configuration: created, on its way to started. */
  private void replace(App app, Machine machine, JsonNode body) {
    machine.instanceId = "01J" + Long.toHexString(ids.incrementAndGet()).toUpperCase();
    machine.state = "created";
    machine.pendingStart = true;
    machine.env = Map.of();
  }

  private MockResponse waitFor(String appName, String id, String instanceId, String state) {
    App app = apps.get(appName);
    Machine machine = app == null ? null : app.machines.get(id);
    if (machine == null) {
      return error(404, "machine not found");
    }
    if (!"started".equals(state)) {
      return machine.state.equals(state) ? ok(200, JSON.createObjectNode().put("ok", true)) : error(408, "deadline exceeded");
    }
    if (instanceId != null && !instanceId.equals(machine.instanceId)) {
      return error(400, "machine " + id + " is at instance " + machine.instanceId + ", not " + instanceId);
    }
    if (machine.pendingStart) {
      if (willNotStart(machine)) {
        machine.state = "stopped";
        machine.pendingStart = false;
      } else {
        start(app, machine);
      }
    }
    return machine.state.equals("started")
        ? ok(200, JSON.createObjectNode().put("ok", true))
        : error(408, "deadline exceeded waiting for machine to be started");
  }

  private boolean willNotStart(Machine machine) {
    return neverStart.getOrDefault(machine.id, Set.of()).contains(machine.image())
        || neverStart.getOrDefault("*", Set.of()).contains(machine.image());
  }

  private void start(App app, Machine machine) {
    if (machine.instanceId == null) {
      machine.instanceId = "01J" + Long.toHexString(ids.incrementAndGet()).toUpperCase();
    }
    machine.state = "started";
    machine.pendingStart = false;
    Map<String, String> env = new LinkedHashMap<>();
    app.secrets.forEach((name, secret) -> env.put(name, secret.value()));
    machine.env = Map.copyOf(env);
    Started started = new Started(app.name, machine.id, machine.image(), machine.env);
    startListeners.forEach(listener -> listener.accept(started));
  }

  private static ObjectNode view(Machine machine) {
    ObjectNode json = JSON.createObjectNode().put("id", machine.id).put("name", machine.name)
        .put("state", machine.state).put("region", "sjc").put("instance_id", machine.instanceId)
        .put("private_ip", "fdaa:0:1::3").put("created_at", "2026-11-29T09:00:00Z");
    json.set("config", machine.config.deepCopy());
    json.putObject("image_ref").put("registry", "registry.fly.io").put("repository", machine.image());
    return json;
  }

  private App app(String name) {
    App app = apps.get(name);
    if (app == null) {
      throw new IllegalArgumentException("no app " + name + " in the fake");
    }
    return app;
  }

  private String nextId() {
    return Long.toHexString(ids.incrementAndGet());
  }

  private static JsonNode parse(RecordedRequest request) {
    if (request.getBody() == null || request.getBody().size() == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static MockResponse ok(int status, JsonNode body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(json(body)).build();
  }

  private static MockResponse error(int status, String message) {
    return ok(status, JSON.createObjectNode().put("error", message));
  }

  private static String json(JsonNode node) {
    return node.toString();
  }

  private static String digest(String value) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
