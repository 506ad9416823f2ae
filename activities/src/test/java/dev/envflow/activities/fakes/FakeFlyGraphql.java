package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The part of Fly.io's GraphQL API that {@code flyctl redis} uses, as a stateful fake: {@code organization(slug)},
 * {@code addOn(name)}, {@code addOnPlans}, {@code createAddOn(input)} and {@code deleteAddOn(input: {name})}.
 * Like Fly, it answers GraphQL errors with HTTP 200 and {@code errors} ({@code extensions.code}
 * {@code UNAUTHORIZED}, {@code NOT_FOUND}, ...), accepts the token as {@code Bearer} or, for macaroon tokens,
 * {@code FlyV1}, and validates {@code CreateAddOnInput} (unknown fields refused). Each add-on gets a real Redis
 * ({@link FakeRedisServers}, no TLS, as Fly's {@code redis://} URLs) and a {@code publicUrl} pointing at it.
 * {@link #slowReadiness} keeps new add-ons {@code pending}; {@link #faults()} injects HTTP failures and
 * {@link #graphqlErrorNext} GraphQL ones.
 */
public final class FakeFlyGraphql implements AutoCloseable {

  public static final String TOKEN = "fake-fly-token-0123";
  public static final String ORG = "personal";
  public static final String ORG_ID = "org-personal-1";
  public static final String OTHER_ORG = "other-team";
  public static final String FREE_PLAN = "x7M0gyB764ggwt6YZLRK";
  public static final String PAYG_PLAN = "ekQ85Yjkw155ohQ5ALYq0M";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, String> ORGS = Map.of(ORG, ORG_ID, OTHER_ORG, "org-other-2");
  private static final Set<String> INPUT_FIELDS = Set.of("organizationId", "type", "name", "planId", "primaryRegion",
      "readRegions", "options", "appId", "clientMutationId");
  private static final Set<String> REGIONS = Set.of("iad", "ewr", "bos", "atl", "mia", "ord", "dfw", "sjc", "lax",
      "sea", "den", "yyz", "yul", "fra", "waw", "otp", "lhr", "ams", "cdg", "mad", "arn", "gru", "gig", "scl", "eze",
      "bog", "qro", "bom", "nrt", "hkg", "sin", "syd", "jnb");

  private static final class AddOn {
    final String id = "ao_" + UUID.randomUUID().toString().substring(0, 12);
    final String name;
    final String organization;
    final String publicUrl;
    final FakeRedisServers.Instance redis;
    int looksUntilReady;

    AddOn(String name, String organization, String publicUrl, FakeRedisServers.Instance redis, int looks) {
      this.name = name;
      this.organization = organization;
      this.publicUrl = publicUrl;
      this.redis = redis;
      this.looksUntilReady = looks;
    }
  }

  private record GraphqlError(String operation, String code, String message) {}

  private final MockWebServer server = new MockWebServer();
  private final FakeRedisServers redis;
  private final String token;
  private final Faults faults = new Faults();
  private final RandomFaults randomFaults = new RandomFaults();
  private final Map<String, AddOn> addOns = new LinkedHashMap<>();
  private final List<GraphqlError> graphqlErrors = new ArrayList<>();
  private final List<JsonNode> createInputs = new ArrayList<>();
  private final List<String> operations = new ArrayList<>();
  private int slowReadiness;

  public FakeFlyGraphql(FakeRedisServers redis) {
    this(redis, TOKEN);
  }

  public FakeFlyGraphql(FakeRedisServers redis, String token) {
    this.redis = redis;
    this.token = token;
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

  /** The value for {@code ENVFLOW_FLY_GRAPHQL_URL}. */
  public String url() {
    return server.url("/graphql").toString();
  }

  public Faults faults() {
    return faults;
  }

  /**
   * Transient faults at a rate, off until its rate is set (scenario 1b of the fault-injection suite). They are
   * HTTP-level faults, as Fly's gateway gives them in front of the GraphQL server: 429, 5xx, slow answers, resets.
   */
  public RandomFaults randomFaults() {
    return randomFaults;
  }

  /** The worker variables that point the fly-upstash provider at this fake. */
  public Map<String, String> variables() {
    return Map.of("FLY_API_TOKEN", token, "FLY_ORG", ORG, "ENVFLOW_FLY_GRAPHQL_URL", url());
  }

  /** New add-ons report {@code pending} for their first {@code looks} {@code addOn(name)} queries. */
  public synchronized FakeFlyGraphql slowReadiness(int looks) {
    slowReadiness = looks;
    return this;
  }

  /** The next request whose query contains {@code operation} (e.g. {@code createAddOn}) gets this GraphQL error. */
  public synchronized FakeFlyGraphql graphqlErrorNext(String operation, String code, String message) {
    graphqlErrors.add(new GraphqlError(operation, code, message));
    return this;
  }

  /** Adds an add-on someone made in {@code organization}, with no server behind it; returns its id. */
  public synchronized String seedAddOn(String name, String organization) {
    AddOn addOn = new AddOn(name, organization, "redis://default:seeded@fly-" + name + ".upstash.io", null, 0);
    addOns.put(name, addOn);
    return addOn.id;
  }

  public synchronized List<String> addOnNames() {
    return List.copyOf(addOns.keySet());
  }

  public synchronized List<JsonNode> createInputs() {
    return List.copyOf(createInputs);
  }

  /** The operations (createAddOn, deleteAddOn, addOn, ...) that reached the fake, in order. */
  public synchronized List<String> operations() {
    return List.copyOf(operations);
  }

  @Override
  public void close() {
    server.close();
    synchronized (this) {
      addOns.values().stream().filter(a -> a.redis != null).forEach(a -> redis.stop(a.redis));
      addOns.clear();
    }
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    if (!request.getMethod().equals("POST") || !request.getUrl().encodedPath().equals("/graphql")) {
      return Faults.json(404, "{\"error\":\"not found\"}");
    }
    String expected = (token.startsWith("fm1r_") || token.startsWith("fm2_") ? "FlyV1 " : "Bearer ") + token;
    if (!expected.equals(request.getHeaders().get("Authorization"))) {
      return errors(null, "UNAUTHORIZED", "You must be authenticated to view this.");
    }
    MockResponse fault = faults.take(request);
    if (fault != null) {
      return fault;
    }
    return randomFaults.answer("POST /graphql " + operationOf(request), () -> graphql(request),
        status -> Faults.json(status, "{\"error\":\"" + (status == 429 ? "rate limited" : "upstream connect error")
            + "\"}"));
  }

  /** The operation a request asks for, read without recording it: to name a lost answer. */
  private static String operationOf(RecordedRequest request) {
    try {
      return operation(JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8()).path("query").asText(""));
    } catch (IOException e) {
      return "unknown";
    }
  }

  private MockResponse graphql(RecordedRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
    } catch (IOException e) {
      return Faults.json(400, "{\"errors\":[{\"message\":\"request body is not JSON\"}]}");
    }
    String query = body.path("query").asText("");
    JsonNode variables = body.path("variables");
    String operation = operation(query);
    operations.add(operation);
    for (Iterator<GraphqlError> it = graphqlErrors.iterator(); it.hasNext(); ) {
      GraphqlError error = it.next();
      if (error.operation().equals(operation)) {
        it.remove();
        return errors(operation, error.code(), error.message());
      }
    }
    return switch (operation) {
      case "organization" -> organization(variables.path("slug").asText());
      case "addOn" -> addOn(variables.path("name").asText());
      case "addOnPlans" -> plans();
      case "createAddOn" -> create(variables.path("input"));
      case "deleteAddOn" -> delete(variables.path("name").asText());
      default -> errors(null, "BAD_REQUEST", "Field is not supported by this fake: " + query);
    };
  }

  /** The query's root field: the first name after the first brace. */
  private static String operation(String query) {
    int brace = query.indexOf('{');
    if (brace < 0) {
      return "unknown";
    }
    String root = query.substring(brace + 1).trim().split("[^A-Za-z]", 2)[0];
    return Set.of("organization", "addOn", "addOnPlans", "createAddOn", "deleteAddOn").contains(root) ? root : "unknown";
  }

  private MockResponse organization(String slug) {
    if (!ORGS.containsKey(slug)) {
      return errors("organization", "NOT_FOUND", "Could not find Organization");
    }
    ObjectNode data = JSON.createObjectNode();
    data.putObject("organization").put("id", ORGS.get(slug)).put("slug", slug);
    return data(data);
  }

  private MockResponse addOn(String name) {
    AddOn addOn = addOns.get(name);
    if (addOn == null) {
      return errors("addOn", "NOT_FOUND", "Could not find AddOn");
    }
    String status = "ready";
    if (addOn.looksUntilReady > 0) {
      addOn.looksUntilReady--;
      status = "pending";
    }
    ObjectNode data = JSON.createObjectNode();
    data.set("addOn", addOnJson(addOn, status));
    return data(data);
  }

  private MockResponse plans() {
    ObjectNode data = JSON.createObjectNode();
    ArrayNode nodes = data.putObject("addOnPlans").putArray("nodes");
    nodes.addObject().put("id", FREE_PLAN).put("name", "free").put("displayName", "Free").put("pricePerMonth", 0);
    nodes.addObject().put("id", PAYG_PLAN).put("name", "payg").put("displayName", "Pay-as-you-go").put("pricePerMonth", 0);
    nodes.addObject().put("id", "fixed_1gb_plan").put("name", "fixed_1gb").put("displayName", "Fixed 1GB")
        .put("pricePerMonth", 20);
    return data(data);
  }

  private MockResponse create(JsonNode input) {
    createInputs.add(input);
    String problem = problemWith(input);
    if (problem != null) {
      return errors("createAddOn", "UNPROCESSABLE", problem);
    }
    String name = input.get("name").asText();
    if (addOns.containsKey(name)) {
      return errors("createAddOn", "UNPROCESSABLE", "Name has already been taken");
    }
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String password = HexFormat.of().formatHex(bytes);
    FakeRedisServers.Instance instance = redis.start(password, false);
    String organization = ORGS.entrySet().stream().filter(e -> e.getValue().equals(input.get("organizationId").asText()))
        .findFirst().orElseThrow().getKey();
    AddOn addOn = new AddOn(name, organization,
        "redis://default:" + password + "@" + instance.host() + ":" + instance.port(), instance, slowReadiness);
    addOns.put(name, addOn);
    ObjectNode data = JSON.createObjectNode();
    data.putObject("createAddOn").set("addOn", addOnJson(addOn, slowReadiness > 0 ? "pending" : "ready"));
    return data(data);
  }

  private MockResponse delete(String name) {
    AddOn addOn = addOns.remove(name);
    if (addOn == null) {
      return errors("deleteAddOn", "NOT_FOUND", "Could not find AddOn");
    }
    if (addOn.redis != null) {
      redis.stop(addOn.redis);
    }
    ObjectNode data = JSON.createObjectNode();
    data.putObject("deleteAddOn").put("deletedAddOnName", name);
    return data(data);
  }

  private static String problemWith(JsonNode input) {
    if (!input.isObject()) {
      return "Variable $input of type CreateAddOnInput! was provided invalid value";
    }
    for (var names = input.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!INPUT_FIELDS.contains(field)) {
        return "Variable $input of type CreateAddOnInput! was provided invalid value for " + field
            + " (Field is not defined on CreateAddOnInput)";
      }
    }
    if (!ORGS.containsValue(input.path("organizationId").asText())) {
      return "Could not resolve organizationId";
    }
    if (!"upstash_redis".equals(input.path("type").asText())) {
      return "type must be upstash_redis for a Redis add-on";
    }
    if (!input.path("name").isTextual() || input.get("name").asText().isBlank()) {
      return "Name can't be blank";
    }
    if (!Set.of(FREE_PLAN, PAYG_PLAN, "fixed_1gb_plan").contains(input.path("planId").asText())) {
      return "Could not resolve planId";
    }
    if (!REGIONS.contains(input.path("primaryRegion").asText())) {
      return "Primary region is not a Fly.io region";
    }
    if (input.has("readRegions") && !input.get("readRegions").isArray()) {
      return "readRegions must be a list";
    }
    if (!input.path("options").isObject()) {
      return "options (JSON!) is required";
    }
    if (input.get("options").has("eviction") && !input.get("options").get("eviction").isBoolean()) {
      return "options.eviction must be a boolean";
    }
    return null;
  }

  private static ObjectNode addOnJson(AddOn addOn, String status) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", addOn.id);
    json.put("name", addOn.name);
    json.put("status", status);
    json.putNull("errorMessage");
    json.put("publicUrl", addOn.publicUrl);
    json.put("primaryRegion", "sjc");
    json.putObject("organization").put("slug", addOn.organization);
    return json;
  }

  private static MockResponse data(ObjectNode data) {
    ObjectNode answer = JSON.createObjectNode();
    answer.set("data", data);
    return Faults.json(200, answer.toString());
  }

  private static MockResponse errors(String field, String code, String message) {
    ObjectNode answer = JSON.createObjectNode();
    if (field == null) {
      answer.putNull("data");
    } else {
      answer.putObject("data").putNull(field);
    }
    ObjectNode error = answer.putArray("errors").addObject();
    error.put("message", message);
    if (field != null) {
      error.putArray("path").add(field);
    }
    error.putObject("extensions").put("code", code);
    return Faults.json(200, answer.toString());
  }
}
