package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.cloud.ProviderVariables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * The Neon API v2 as envflow uses it (Neon's OpenAPI definition): projects with branches, endpoints, roles and
 * databases; operations that go {@code scheduling}/{@code running} → {@code finished} (or {@code failed}) over
 * successive looks at them; {@code 423 Locked} for a branch asked for while operations run; search with cursor
 * pages; Bearer authentication; errors as {@code GeneralError} ({@code {"code", "message"}}). Every branch is a
 * real database on the tests' PostgreSQL, owned by a real role with the Neon role's password, and the connection
 * URIs point there ({@code ?sslmode=require} as Neon gives them); the pooled one goes through a {@link FakePooler}
 * on its own port, as Neon's goes through the endpoint's {@code -pooler} host.
 */
public final class FakeNeonApi extends FakeCloudApi {

  public static final String API_KEY = "napi_fake0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdef";
  public static final Set<String> REGIONS = Set.of("aws-us-east-1", "aws-us-east-2", "aws-us-west-2",
      "aws-eu-central-1", "aws-eu-west-2", "aws-ap-southeast-1", "aws-ap-southeast-2", "aws-sa-east-1",
      "azure-eastus2", "azure-westus3", "azure-gwc");

  private static final Pattern PROJECT = Pattern.compile("/projects/([a-z0-9-]+)(/.*)?");
  private static final Pattern OPERATION = Pattern.compile("/operations/([0-9a-f-]+)");
  private static final Pattern ORG_ID = Pattern.compile("^[a-z0-9-]{1,60}$");

  /** A branch: a real database, and its read-write endpoint. */
  public static final class Branch {
    public final String id;
    public final String name;
    public final boolean isDefault;
    public final String endpointId;
    public final String realDatabase;
    String state = "init";

    Branch(String id, String name, boolean isDefault, String endpointId, String realDatabase) {
      this.id = id;
      this.name = name;
      this.isDefault = isDefault;
      this.endpointId = endpointId;
      this.realDatabase = realDatabase;
    }
  }

  /** An operation and how many more looks it takes. */
  static final class Operation {
    final String id = UUID.randomUUID().toString();
    final String action;
    final String branchId;
    final String endpointId;
    final Instant createdAt = Instant.now();
    final boolean fails;
    String status = "running";
    int looks;

    Operation(String action, String branchId, String endpointId, boolean fails) {
      this.action = action;
      this.branchId = branchId;
      this.endpointId = endpointId;
      this.fails = fails;
    }
  }

  /** A project; {@code realRole} is null for one without databases (someone else's, seeded by a test). */
  public static final class Project {
    public final String id;
    public final String name;
    public final String regionId;
    public final int pgVersion;
    public final String orgId;
    public final Instant createdAt;
    public final String roleName;
    public final String password;
    public final String databaseName;
    public final String realRole;
    final List<Branch> branches = new ArrayList<>();
    final List<Operation> operations = new ArrayList<>();

    Project(String id, String name, String regionId, int pgVersion, String orgId, Instant createdAt, String roleName,
        String password, String databaseName, String realRole) {
      this.id = id;
      this.name = name;
      this.regionId = regionId;
      this.pgVersion = pgVersion;
      this.orgId = orgId;
      this.createdAt = createdAt;
      this.roleName = roleName;
      this.password = password;
      this.databaseName = databaseName;
      this.realRole = realRole;
    }

    public synchronized List<Branch> branches() {
      return List.copyOf(branches);
    }

    public Optional<Branch> branch(String name) {
      return branches().stream().filter(branch -> branch.name.equals(name)).findFirst();
    }
  }

  private final Map<String, Project> projects = new LinkedHashMap<>();
  private final FakePooler pooler = FakePooler.forTestPostgres();
  private final Map<String, String> answeredUris = new LinkedHashMap<>();
  private int looksUntilFinished = 2;
  private int pageSize = 400;
  private boolean nextOperationsFail;
  private final Map<String, Integer> creations = new java.util.HashMap<>();

  public FakeNeonApi() {
    super("/api/v2");
  }

  /** The worker variables that point the neon provider at this fake ({@code sslmode=disable}: no TLS here). */
  public Map<String, String> variables() {
    return Map.of("NEON_API_KEY", API_KEY, "ENVFLOW_NEON_API_URL", baseUrl(), "ENVFLOW_POSTGRES_SSLMODE", "disable");
  }

  public ProviderVariables providerVariables() {
    return new ProviderVariables(variables()::get);
  }

  /** An operation is finished from the {@code looks}-th look at the project's operations on (2 by default). */
  public synchronized void operationsFinishAfterLooks(int looks) {
    looksUntilFinished = looks;
  }

  /** The first operation the next change starts ends {@code failed}. */
  public synchronized void failNextOperations() {
    nextOperationsFail = true;
  }

  /** Answers at most {@code size} projects per page, whatever the {@code limit} (to exercise the cursor). */
  public synchronized void pageSize(int size) {
    pageSize = size;
  }

  /** A project someone else made, without databases; returns its id. */
  public synchronized String addForeignProject(String name, Instant createdAt) {
    String id = projectId();
    projects.put(id, new Project(id, name, "aws-us-east-2", 16, null, createdAt, "neondb_owner", "npg_foreign",
        "neondb", null));
    return id;
  }

  public synchronized List<Project> projects() {
    return List.copyOf(projects.values());
  }

  /** How many projects named {@code name} this fake has created, including those whose answer was lost. */
  public synchronized int creations(String name) {
    return creations.getOrDefault(name, 0);
  }

  /** The last URI this fake answered to {@code connection_uri} with {@code pooled=true} for the project. */
  public synchronized Optional<String> pooledUriAnswered(String projectId) {
    return Optional.ofNullable(answeredUris.get(projectId + "|pooled"));
  }

  /**
   * The URI of the project's role on the branch's database (what Neon's {@code connection_uris} hold); the pooled
   * one through the fake's {@link #pooler()}.
   */
  public String uri(Project project, Branch branch, boolean pooled) {
    return "postgresql://" + project.realRole + ":" + project.password + "@" + FakeCloudPostgres.host() + ":"
        + (pooled ? pooler.port() : FakeCloudPostgres.port()) + "/" + branch.realDatabase + "?sslmode=require";
  }

  /** The address pooled URIs point at; it forwards to the tests' PostgreSQL. */
  public FakePooler pooler() {
    return pooler;
  }

  @Override
  public void close() {
    super.close();
    pooler.close();
    synchronized (this) {
      projects.values().forEach(FakeNeonApi::dropDatabases);
      projects.clear();
    }
  }

  @Override
  protected boolean authorized(String authorization) {
    return ("Bearer " + API_KEY).equals(authorization);
  }

  @Override
  protected MockResponse error(int status, String message) {
    String code = switch (status) {
      case 401 -> "UNAUTHORIZED";
      case 404 -> "NOT_FOUND";
      case 423 -> "LOCKED";
      case 429 -> "TOO_MANY_REQUESTS";
      default -> "";
    };
    return json(status, object().put("code", code).put("message", message)
        .put("request_id", UUID.randomUUID().toString()));
  }

  @Override
  protected synchronized MockResponse handle(Call call) {
    if (call.path().equals("/projects")) {
      return switch (call.method()) {
        case "GET" -> list(call);
        case "POST" -> create(call.body());
        default -> error(405, "method not allowed");
      };
    }
    Matcher matcher = PROJECT.matcher(call.path());
    if (!matcher.matches()) {
      return error(404, "not found");
    }
    Project project = projects.get(matcher.group(1));
    if (project == null) {
      return error(404, "project not found");
    }
    String rest = matcher.group(2) == null ? "" : matcher.group(2);
    Matcher operation = OPERATION.matcher(rest);
    return switch (call.method() + " " + (operation.matches() ? "/operations/{id}" : rest)) {
      case "GET " -> json(200, object().set("project", project(project)));
      case "DELETE " -> delete(project);
      case "GET /operations" -> operations(project);
      case "GET /operations/{id}" -> operation(project, operation.group(1));
      case "GET /branches" -> branches(project, call.queryParameter("search"));
      case "POST /branches" -> createBranch(project, call.body());
      case "GET /connection_uri" -> connectionUri(project, call);
      default -> error(404, "not found");
    };
  }

  private MockResponse list(Call call) {
    int limit;
    try {
      limit = call.queryParameter("limit") == null ? 10 : Integer.parseInt(call.queryParameter("limit"));
    } catch (NumberFormatException e) {
      return error(400, "limit must be an integer");
    }
    if (limit < 1 || limit > 400) {
      return error(400, "limit must be between 1 and 400");
    }
    String search = call.queryParameter("search");
    String org = call.queryParameter("org_id");
    String cursor = call.queryParameter("cursor");
    List<Project> matching = projects.values().stream()
        .filter(p -> search == null || p.name.contains(search) || p.id.contains(search))
        .filter(p -> org == null ? p.orgId == null : org.equals(p.orgId))
        .toList();
    int start = 0;
    if (cursor != null) {
      for (int i = 0; i < matching.size(); i++) {
        if (matching.get(i).id.equals(cursor)) {
          start = i + 1;
        }
      }
    }
    List<Project> page = matching.subList(Math.min(start, matching.size()),
        Math.min(matching.size(), start + Math.min(limit, pageSize)));
    ObjectNode answer = object();
    ArrayNode list = answer.putArray("projects");
    page.forEach(p -> list.add(project(p)));
    answer.putObject("pagination").put("cursor", page.isEmpty() ? (cursor == null ? "" : cursor)
        : page.get(page.size() - 1).id);
    return json(200, answer);
  }

  private MockResponse create(JsonNode body) {
    JsonNode request = body == null ? null : body.get("project");
    if (request == null || !request.isObject()) {
      return error(400, "request body must be {\"project\": {...}}");
    }
    String name = request.path("name").asText(null);
    if (name != null && (name.isEmpty() || name.length() > 256)) {
      return error(400, "project name must be 1 to 256 characters");
    }
    int pgVersion = request.path("pg_version").asInt(17);
    if (request.has("pg_version") && (!request.get("pg_version").isInt() || pgVersion < 14 || pgVersion > 18)) {
      return error(400, "pg_version must be one of 14, 15, 16, 17, 18");
    }
    String regionId = request.path("region_id").asText("aws-us-east-2");
    if (!REGIONS.contains(regionId)) {
      return error(400, "region " + regionId + " is not supported");
    }
    String orgId = request.path("org_id").asText(null);
    if (orgId != null && !ORG_ID.matcher(orgId).matches()) {
      return error(400, "org_id does not match ^[a-z0-9-]{1,60}$");
    }
    JsonNode branchRequest = request.path("branch");
    String databaseName = branchRequest.path("database_name").asText("neondb");
    String roleName = branchRequest.path("role_name").asText(databaseName + "_owner");
    String id = projectId();
    String password = "npg_" + FakeCloudPostgres.randomLetters(12);
    Project project = new Project(id, name == null ? id : name, regionId, pgVersion, orgId, Instant.now(), roleName,
        password, databaseName, "neon_" + FakeCloudPostgres.randomLetters(12));
    Branch main = new Branch("br-" + words(), branchRequest.path("name").asText("main"), true, "ep-" + words(),
        "neon_" + FakeCloudPostgres.randomLetters(12));
    FakeCloudPostgres.create(project.realRole, password, main.realDatabase);
    project.branches.add(main);
    boolean fails = takeFailure();
    project.operations.add(0, new Operation("create_timeline", main.id, "", fails));
    project.operations.add(0, new Operation("start_compute", main.id, main.endpointId, false));
    projects.put(id, project);
    creations.merge(project.name, 1, Integer::sum);
    ObjectNode answer = object();
    answer.set("project", project(project));
    ArrayNode uris = answer.putArray("connection_uris");
    ObjectNode uri = uris.addObject().put("connection_uri", uri(project, main, false));
    uri.putObject("connection_parameters").put("database", databaseName).put("password", password)
        .put("role", roleName).put("host", host(main)).put("pooler_host", poolerHost(main));
    answer.putArray("roles").addObject().put("branch_id", main.id).put("name", roleName).put("password", password)
        .put("protected", false);
    answer.putArray("databases").addObject().put("id", 1).put("branch_id", main.id).put("name", databaseName)
        .put("owner_name", roleName);
    answer.set("operations", operationList(project, project.operations));
    answer.set("branch", branch(project, main));
    answer.putArray("endpoints").add(endpoint(project, main));
    return json(201, answer);
  }

  private MockResponse delete(Project project) {
    projects.remove(project.id);
    dropDatabases(project);
    return json(200, object().set("project", project(project)));
  }

  /** A look at the operations moves each one a step. */
  private MockResponse operations(Project project) {
    advance(project);
    ObjectNode answer = object();
    answer.set("operations", operationList(project, project.operations));
    answer.putObject("pagination").put("cursor", project.operations.isEmpty() ? ""
        : project.operations.get(project.operations.size() - 1).createdAt.toString());
    return json(200, answer);
  }

  private MockResponse operation(Project project, String id) {
    advance(project);
    return project.operations.stream().filter(op -> op.id.equals(id)).findFirst()
        .map(op -> json(200, object().set("operation", operation(project, op))))
        .orElse(error(404, "operation not found"));
  }

  private void advance(Project project) {
    for (Operation op : project.operations) {
      if (op.status.equals("running") || op.status.equals("scheduling")) {
        op.looks++;
        if (op.looks >= looksUntilFinished) {
          op.status = op.fails ? "failed" : "finished";
          project.branches.stream().filter(b -> b.id.equals(op.branchId)).forEach(b -> b.state = "ready");
        }
      }
    }
  }

  private MockResponse branches(Project project, String search) {
    ObjectNode answer = object();
    ArrayNode list = answer.putArray("branches");
    project.branches.stream()
        .filter(b -> search == null || b.name.contains(search) || b.id.contains(search))
        .forEach(b -> list.add(branch(project, b)));
    answer.putObject("annotations");
    answer.putObject("pagination");
    return json(200, answer);
  }

  private MockResponse createBranch(Project project, JsonNode body) {
    if (project.operations.stream().anyMatch(op -> op.status.equals("running") || op.status.equals("scheduling"))) {
      return error(423, "project already has running conflicting operations, scheduling of new ones is prohibited");
    }
    JsonNode request = body == null ? object() : body;
    String name = request.path("branch").path("name").asText("br-" + words());
    for (JsonNode endpoint : request.path("endpoints")) {
      if (!Set.of("read_write", "read_only").contains(endpoint.path("type").asText())) {
        return error(400, "endpoint type must be read_write or read_only");
      }
    }
    boolean withCompute = request.path("endpoints").size() > 0;
    Branch branch = new Branch("br-" + words(), name, false, withCompute ? "ep-" + words() : null,
        "neon_" + FakeCloudPostgres.randomLetters(12));
    FakeCloudPostgres.createDatabase(project.realRole, branch.realDatabase);
    project.branches.add(branch);
    List<Operation> started = new ArrayList<>();
    started.add(new Operation("create_branch", branch.id, "", takeFailure()));
    if (withCompute) {
      started.add(new Operation("start_compute", branch.id, branch.endpointId, false));
    }
    started.forEach(op -> project.operations.add(0, op));
    ObjectNode answer = object();
    answer.set("branch", branch(project, branch));
    ArrayNode endpoints = answer.putArray("endpoints");
    if (withCompute) {
      endpoints.add(endpoint(project, branch));
    }
    answer.set("operations", operationList(project, started));
    answer.putArray("roles").addObject().put("branch_id", branch.id).put("name", project.roleName)
        .put("protected", false);
    answer.putArray("databases").addObject().put("id", 2).put("branch_id", branch.id).put("name", project.databaseName)
        .put("owner_name", project.roleName);
    return json(201, answer);
  }

  private MockResponse connectionUri(Project project, Call call) {
    String database = call.queryParameter("database_name");
    String role = call.queryParameter("role_name");
    if (database == null || role == null) {
      return error(400, "database_name and role_name are required");
    }
    String branchId = call.queryParameter("branch_id");
    Optional<Branch> branch = project.branches.stream()
        .filter(b -> branchId == null ? b.isDefault : b.id.equals(branchId)).findFirst();
    if (branch.isEmpty() || !database.equals(project.databaseName) || !role.equals(project.roleName)) {
      return error(404, "branch, database or role not found");
    }
    boolean pooled = "true".equals(call.queryParameter("pooled"));
    String uri = uri(project, branch.get(), pooled);
    answeredUris.put(project.id + (pooled ? "|pooled" : "|direct"), uri);
    return json(200, object().put("uri", uri));
  }

  private boolean takeFailure() {
    boolean fails = nextOperationsFail;
    nextOperationsFail = false;
    return fails;
  }

  private static void dropDatabases(Project project) {
    if (project.realRole == null) {
      return;
    }
    project.branches.forEach(branch -> FakeCloudPostgres.dropDatabase(branch.realDatabase));
    FakeCloudPostgres.drop(project.realRole, null);
  }

  private static ObjectNode project(Project project) {
    ObjectNode json = object()
        .put("id", project.id)
        .put("platform_id", project.regionId.startsWith("azure") ? "azure" : "aws")
        .put("region_id", project.regionId)
        .put("name", project.name)
        .put("provisioner", "k8s-neonvm")
        .put("pg_version", project.pgVersion)
        .put("proxy_host", project.regionId.replaceFirst("^(aws|azure)-", "") + ".aws.neon.tech")
        .put("store_passwords", true)
        .put("creation_source", "console")
        .put("created_at", project.createdAt.toString())
        .put("updated_at", project.createdAt.toString())
        .put("owner_id", "fake-owner");
    if (project.orgId != null) {
      json.put("org_id", project.orgId);
    }
    return json;
  }

  private static ObjectNode branch(Project project, Branch branch) {
    return object()
        .put("id", branch.id)
        .put("project_id", project.id)
        .put("name", branch.name)
        .put("current_state", branch.state)
        .put("default", branch.isDefault)
        .put("protected", false)
        .put("created_at", project.createdAt.toString());
  }

  private static ObjectNode endpoint(Project project, Branch branch) {
    return object()
        .put("id", branch.endpointId)
        .put("host", host(branch))
        .put("project_id", project.id)
        .put("branch_id", branch.id)
        .put("type", "read_write")
        .put("current_state", "init")
        .put("pooler_enabled", false)
        .put("pooler_mode", "transaction");
  }

  private static ArrayNode operationList(Project project, List<Operation> operations) {
    ArrayNode list = JSON.createArrayNode();
    operations.forEach(op -> list.add(operation(project, op)));
    return list;
  }

  private static ObjectNode operation(Project project, Operation op) {
    ObjectNode json = object()
        .put("id", op.id)
        .put("project_id", project.id)
        .put("branch_id", op.branchId)
        .put("action", op.action)
        .put("status", op.status)
        .put("failures_count", op.status.equals("failed") ? 1 : 0)
        .put("created_at", op.createdAt.toString())
        .put("updated_at", op.createdAt.toString())
        .put("total_duration_ms", op.looks * 100);
    if (!op.endpointId.isEmpty()) {
      json.put("endpoint_id", op.endpointId);
    }
    if (op.status.equals("failed")) {
      json.put("error", "timeline creation failed: storage unavailable");
    }
    return json;
  }

  private static String host(Branch branch) {
    return (branch.endpointId == null ? "ep-none" : branch.endpointId) + ".us-east-2.aws.neon.tech";
  }

  private static String poolerHost(Branch branch) {
    return (branch.endpointId == null ? "ep-none" : branch.endpointId) + "-pooler.us-east-2.aws.neon.tech";
  }

  private static String projectId() {
    return words() + "-" + (100000 + (int) (Math.random() * 899999));
  }

  private static String words() {
    return FakeCloudPostgres.randomLetters(5) + "-" + FakeCloudPostgres.randomLetters(6);
  }
}
