package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.postgres.supabase.SupabaseDirectConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * The Supabase Management API v1 as envflow uses it (supabase/cli {@code openapi.json}): projects that go
 * {@code COMING_UP} → {@code ACTIVE_HEALTHY} (or {@code INIT_FAILED}) over successive GETs and {@code GOING_DOWN} →
 * gone after a delete; the pooler configuration; Bearer authentication; {@code V1CreateProjectBody}'s
 * {@code additionalProperties:false}; errors as {@code {"message": ...}}. Each project is a real role and database
 * on the tests' PostgreSQL: the direct connection is {@link #directConnection()} (role and database
 * {@code sb_{ref}}), and the pooler's {@code connection_string} points at the same database through a
 * {@link FakePooler} on its own port, so both really work and differ.
 */
public final class FakeSupabaseApi extends FakeCloudApi {

  public static final String TOKEN = "sbp_0123456789abcdef0123456789abcdef01234567";
  public static final String ORGANIZATION = "envflow-fake-org";

  private static final Pattern PROJECT = Pattern.compile("/v1/projects/([a-z]+)");
  private static final Pattern POOLER = Pattern.compile("/v1/projects/([a-z]+)/config/database/pooler");
  private static final Set<String> CREATE_KEYS = Set.of("db_pass", "name", "organization_id", "organization_slug",
      "plan", "region", "region_selection", "kps_enabled", "desired_instance_size", "template_url");
  private static final Set<String> POOLER_KEYS = Set.of("default_pool_size", "pool_mode");
  private static final Set<String> REGIONS = Set.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-east-1",
      "ap-southeast-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-2", "eu-west-1", "eu-west-2", "eu-west-3",
      "eu-north-1", "eu-central-1", "eu-central-2", "ca-central-1", "ap-south-1", "sa-east-1");
  private static final Set<String> SMART_GROUPS = Set.of("americas", "emea", "apac");

  /** A project as the fake keeps it; {@code role} and {@code database} are null for a project without a database. */
  public static final class Project {
    public final String ref;
    public final String name;
    public final String organization;
    public final String region;
    public final Instant createdAt;
    public final String password;
    public final String role;
    public final String database;
    String status = "COMING_UP";
    String poolMode;
    int looks;
    boolean failsInit;

    Project(String ref, String name, String organization, String region, Instant createdAt, String password,
        String role, String database) {
      this.ref = ref;
      this.name = name;
      this.organization = organization;
      this.region = region;
      this.createdAt = createdAt;
      this.password = password;
      this.role = role;
      this.database = database;
    }

    public synchronized String status() {
      return status;
    }
  }

  private final Map<String, Project> projects = new LinkedHashMap<>();
  private final FakePooler pooler = FakePooler.forTestPostgres();
  private int looksUntilHealthy = 2;
  private int looksUntilRemoved = 1;
  private boolean nextFailsInit;
  private String poolMode = "transaction";

  public FakeSupabaseApi() {
    super("");
  }

  /** The worker variables that point the supabase provider at this fake ({@code sslmode=disable}: no TLS here). */
  public Map<String, String> variables() {
    return Map.of("SUPABASE_ACCESS_TOKEN", TOKEN, "SUPABASE_ORGANIZATION", ORGANIZATION,
        "ENVFLOW_SUPABASE_API_URL", baseUrl(), "ENVFLOW_POSTGRES_SSLMODE", "disable");
  }

  public ProviderVariables providerVariables() {
    return new ProviderVariables(variables()::get);
  }

  /** The direct connection of this fake's projects: the tests' PostgreSQL, role and database {@code sb_{ref}}. */
  public static SupabaseDirectConnection directConnection() {
    return new SupabaseDirectConnection(FakeCloudPostgres.port(), "sb_{ref}", "sb_{ref}");
  }

  /** A new project answers {@code ACTIVE_HEALTHY} from its {@code looks}-th GET on (2 by default). */
  public synchronized void healthyAfterLooks(int looks) {
    looksUntilHealthy = looks;
  }

  /** A deleted project answers 404 from its {@code looks}-th GET after the delete on (1 by default). */
  public synchronized void removedAfterLooks(int looks) {
    looksUntilRemoved = looks;
  }

  /** The next project created goes to {@code INIT_FAILED} instead of {@code ACTIVE_HEALTHY}. */
  public synchronized void failNextInit() {
    nextFailsInit = true;
  }

  /** Projects created from now on have their pooler in session mode until it is patched. */
  public synchronized void poolersInSessionMode() {
    poolMode = "session";
  }

  /** A healthy project someone else made in the fake's organization, without a database; returns its ref. */
  public synchronized String addForeignProject(String name, Instant createdAt) {
    return addForeignProject(name, createdAt, ORGANIZATION);
  }

  /** A healthy project someone else made in {@code organization}, without a database; returns its ref. */
  public synchronized String addForeignProject(String name, Instant createdAt, String organization) {
    String ref = FakeCloudPostgres.randomLetters(20);
    Project project = new Project(ref, name, organization, "us-east-1", createdAt, "not-envflows", null, null);
    project.status = "ACTIVE_HEALTHY";
    projects.put(ref, project);
    return ref;
  }

  public synchronized List<Project> projects() {
    return List.copyOf(projects.values());
  }

  public synchronized Optional<Project> project(String ref) {
    return Optional.ofNullable(projects.get(ref));
  }

  /**
   * The primary pooler's transaction-mode connection string the fake hands out for the project, before the
   * password is filled in: the fake's {@link #pooler()}, not the direct port.
   */
  public String transactionConnectionString(Project project) {
    return "postgresql://" + project.role + ":[YOUR-PASSWORD]@" + pooler.host() + ":" + pooler.port() + "/"
        + project.database;
  }

  /** The address the projects' pooler listens on; it forwards to the tests' PostgreSQL. */
  public FakePooler pooler() {
    return pooler;
  }

  /** Stops the server and drops the databases of the projects left (tests that fail half-way). */
  @Override
  public void close() {
    super.close();
    pooler.close();
    synchronized (this) {
      for (Project project : projects.values()) {
        if (project.role != null) {
          FakeCloudPostgres.drop(project.role, project.database);
        }
      }
      projects.clear();
    }
  }

  @Override
  protected boolean authorized(String authorization) {
    return ("Bearer " + TOKEN).equals(authorization);
  }

  @Override
  protected MockResponse error(int status, String message) {
    return json(status, object().put("message", message));
  }

  @Override
  protected synchronized MockResponse handle(Call call) {
    String path = call.path();
    Matcher pooler = POOLER.matcher(path);
    Matcher project = PROJECT.matcher(path);
    if (path.equals("/v1/projects")) {
      return switch (call.method()) {
        case "GET" -> list();
        case "POST" -> create(call.body());
        default -> error(405, "Method not allowed");
      };
    }
    if (pooler.matches()) {
      return switch (call.method()) {
        case "GET" -> withProject(pooler.group(1), this::poolerConfig);
        case "PATCH" -> withProject(pooler.group(1), p -> patchPooler(p, call.body()));
        default -> error(405, "Method not allowed");
      };
    }
    if (project.matches()) {
      return switch (call.method()) {
        case "GET" -> withProject(project.group(1), this::look);
        case "DELETE" -> withProject(project.group(1), this::delete);
        default -> error(405, "Method not allowed");
      };
    }
    return error(404, "Cannot " + call.method() + " " + path);
  }

  private MockResponse withProject(String ref, java.util.function.Function<Project, MockResponse> action) {
    Project project = projects.get(ref);
    return project == null ? error(404, "Project not found") : action.apply(project);
  }

  private MockResponse list() {
    ArrayNode list = JSON.createArrayNode();
    projects.values().forEach(project -> list.add(withDatabase(project)));
    return json(200, list);
  }

  private MockResponse create(JsonNode body) {
    if (body == null || !body.isObject()) {
      return error(400, "Invalid request body: expected a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!CREATE_KEYS.contains(name)) {
        return error(400, "Invalid request body: must NOT have additional properties (" + name + ")");
      }
    }
    for (String required : List.of("db_pass", "name", "organization_slug")) {
      if (!body.path(required).isTextual() || body.path(required).asText().isEmpty()) {
        return error(400, "Invalid request body: must have required property '" + required + "'");
      }
    }
    if (body.path("name").asText().length() > 256) {
      return error(400, "Invalid request body: name must NOT have more than 256 characters");
    }
    if (body.has("region") && body.has("region_selection")) {
      return error(400, "Only one of region or region_selection can be specified");
    }
    String region = region(body);
    if (region == null) {
      return error(400, "Invalid request body: region_selection must be {type: specific|smartGroup, code}");
    }
    if (!ORGANIZATION.equals(body.path("organization_slug").asText())) {
      return error(403, "You do not have permission to create projects in this organization");
    }
    String ref = FakeCloudPostgres.randomLetters(20);
    String password = body.path("db_pass").asText();
    Project project = new Project(ref, body.path("name").asText(), ORGANIZATION, region, Instant.now(), password,
        "sb_" + ref, "sb_" + ref);
    project.poolMode = poolMode;
    project.failsInit = nextFailsInit;
    nextFailsInit = false;
    FakeCloudPostgres.create(project.role, password, project.database);
    projects.put(ref, project);
    return json(201, summary(project));
  }

  private static String region(JsonNode body) {
    if (body.has("region")) {
      return REGIONS.contains(body.path("region").asText()) ? body.path("region").asText() : null;
    }
    JsonNode selection = body.path("region_selection");
    String code = selection.path("code").asText();
    return switch (selection.path("type").asText()) {
      case "specific" -> REGIONS.contains(code) ? code : null;
      case "smartGroup" -> SMART_GROUPS.contains(code) ? code : null;
      default -> selection.isMissingNode() ? "us-east-1" : null;
    };
  }

  /** A GET moves the project one step through its states. */
  private MockResponse look(Project project) {
    synchronized (project) {
      project.looks++;
      if ("COMING_UP".equals(project.status) && project.looks >= looksUntilHealthy) {
        project.status = project.failsInit ? "INIT_FAILED" : "ACTIVE_HEALTHY";
      } else if ("GOING_DOWN".equals(project.status) && project.looks >= looksUntilRemoved) {
        remove(project);
        return error(404, "Project not found");
      }
    }
    return json(200, withDatabase(project));
  }

  private MockResponse delete(Project project) {
    synchronized (project) {
      project.status = "GOING_DOWN";
      project.looks = 0;
    }
    if (looksUntilRemoved <= 0) {
      remove(project);
    }
    return json(200, object().put("id", Math.abs(project.ref.hashCode())).put("ref", project.ref)
        .put("name", project.name));
  }

  private void remove(Project project) {
    projects.remove(project.ref);
    if (project.role != null) {
      FakeCloudPostgres.drop(project.role, project.database);
    }
  }

  private MockResponse poolerConfig(Project project) {
    ArrayNode poolers = JSON.createArrayNode();
    poolers.add(pooler(project, "READ_REPLICA", "transaction", "db-replica.invalid", 6543));
    boolean transaction = "transaction".equals(project.poolMode);
    poolers.add(pooler(project, "PRIMARY", project.poolMode, pooler.host(), transaction ? pooler.port() : 1));
    return json(200, poolers);
  }

  private static ObjectNode pooler(Project project, String type, String mode, String host, int port) {
    String user = project.role == null ? "postgres." + project.ref : project.role;
    String database = project.database == null ? "postgres" : project.database;
    String connection = "postgresql://" + user + ":[YOUR-PASSWORD]@" + host + ":" + port + "/" + database;
    ObjectNode pooler = object()
        .put("identifier", "PRIMARY".equals(type) ? project.ref : project.ref + "-rr-us-east-1-abcde")
        .put("database_type", type)
        .put("is_using_scram_auth", true)
        .put("db_user", user)
        .put("db_host", host)
        .put("db_port", port)
        .put("db_name", database)
        .put("connection_string", connection)
        .put("connectionString", connection)
        .put("pool_mode", mode);
    pooler.put("default_pool_size", 15);
    pooler.put("max_client_conn", 200);
    return pooler;
  }

  private MockResponse patchPooler(Project project, JsonNode body) {
    if (body == null || !body.isObject()) {
      return error(400, "Invalid request body: expected a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      if (!POOLER_KEYS.contains(names.next())) {
        return error(400, "Invalid request body: must NOT have additional properties");
      }
    }
    String mode = body.path("pool_mode").asText(project.poolMode);
    if (!List.of("transaction", "session").contains(mode)) {
      return error(400, "Invalid request body: pool_mode must be transaction or session");
    }
    project.poolMode = mode;
    ObjectNode answer = object().put("pool_mode", mode);
    answer.put("default_pool_size", body.path("default_pool_size").asInt(15));
    return json(200, answer);
  }

  private static ObjectNode summary(Project project) {
    return object()
        .put("id", project.ref)
        .put("ref", project.ref)
        .put("organization_id", project.organization)
        .put("organization_slug", project.organization)
        .put("name", project.name)
        .put("region", project.region)
        .put("created_at", project.createdAt.toString())
        .put("status", project.status());
  }

  private static ObjectNode withDatabase(Project project) {
    ObjectNode json = summary(project);
    json.putObject("database")
        .put("host", project.role == null ? "db." + project.ref + ".supabase.co" : FakeCloudPostgres.host())
        .put("version", "15.8.1.085")
        .put("postgres_engine", "15")
        .put("release_channel", "ga");
    return json;
  }

  /** For assertions: the projects' names, in creation order. */
  public synchronized List<String> names() {
    List<String> names = new ArrayList<>();
    projects.values().forEach(project -> names.add(project.name));
    return names;
  }
}
