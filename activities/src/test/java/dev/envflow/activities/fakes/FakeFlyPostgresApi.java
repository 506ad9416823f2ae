package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.postgres.flypostgres.FlyPostgresLogin;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * Fly Managed Postgres on the Machines API as fly-go ({@code flaps/flaps_managed_postgres.go}) uses it: clusters
 * that go from {@code creating} to {@code ready} (or {@code failed}/{@code error}) over successive GETs, whose
 * endpoints appear once ready, and that are {@code deleting} for a while after a delete; answers in
 * {@code {"data": ...}}, errors as {@code {"error": ...}}; {@code FlyV1} or {@code Bearer} authentication. Each
 * cluster is a real role and database on the tests' PostgreSQL ({@link #login()}: {@code fly_{id}}); its direct
 * endpoint is that server, its pooler endpoint a {@link FakePooler} in front of it.
 */
public final class FakeFlyPostgresApi extends FakeCloudApi {

  /** A macaroon token, which Fly expects as {@code FlyV1}. */
  public static final String TOKEN = "fm2_lJPECAAAAAAAAfakefakefakeMacaroon0123456789";
  /** An older personal token, sent as {@code Bearer}. */
  public static final String PLAIN_TOKEN = "fo1_fakePersonalToken0123456789";
  public static final String ORGANIZATION = "envflow-fake";
  public static final Set<String> REGIONS = Set.of("iad", "ord", "sjc", "lax", "sea", "yyz", "gru", "lhr", "ams",
      "fra", "cdg", "arn", "sin", "syd", "nrt", "bom");

  private static final Pattern CLUSTER = Pattern.compile("/v1/postgres/([a-z0-9]+)");
  private static final Pattern CREDENTIALS = Pattern.compile("/v1/postgres/([a-z0-9]+)/users/([^/]+)/credentials");

  /** A cluster as the fake keeps it; {@code role} is null for one without a database (someone else's). */
  public static final class Cluster {
    public final String id;
    public final String name;
    public final String organization;
    public final String region;
    public final String plan;
    public final String pgMajorVersion;
    public final Instant createdAt;
    public final String password;
    public final String role;
    String status = "creating";
    int looks;
    String failsAs;

    Cluster(String id, String name, String organization, String region, String plan, String pgMajorVersion,
        Instant createdAt, String password, String role) {
      this.id = id;
      this.name = name;
      this.organization = organization;
      this.region = region;
      this.plan = plan;
      this.pgMajorVersion = pgMajorVersion;
      this.createdAt = createdAt;
      this.password = password;
      this.role = role;
    }

    public synchronized String status() {
      return status;
    }
  }

  private final Map<String, Cluster> clusters = new LinkedHashMap<>();
  private final FakePooler pooler = FakePooler.forTestPostgres();
  private int looksUntilReady = 2;
  private int looksWithoutEndpoints;
  private int looksUntilGone = 1;
  private String nextFailsAs;

  public FakeFlyPostgresApi() {
    super("");
  }

  /** The worker variables that point the fly-postgres provider at this fake ({@code sslmode=disable}). */
  public Map<String, String> variables() {
    return Map.of("FLY_API_TOKEN", TOKEN, "FLY_ORG", ORGANIZATION, "ENVFLOW_FLY_API_URL", baseUrl(),
        "ENVFLOW_POSTGRES_SSLMODE", "disable");
  }

  public ProviderVariables providerVariables() {
    return new ProviderVariables(variables()::get);
  }

  /** The user and database of this fake's clusters: role and database {@code fly_{id}} on the tests' server. */
  public static FlyPostgresLogin login() {
    return new FlyPostgresLogin("fly_{id}", "fly_{id}");
  }

  public FakePooler pooler() {
    return pooler;
  }

  /** A new cluster is {@code ready} from its {@code looks}-th GET on (2 by default). */
  public synchronized void readyAfterLooks(int looks) {
    looksUntilReady = looks;
  }

  /** A ready cluster shows no endpoints for its first {@code looks} GETs (Fly publishes them a little later). */
  public synchronized void endpointsAfterReadyLooks(int looks) {
    looksWithoutEndpoints = looks;
  }

  /** A deleted cluster answers 404 from its {@code looks}-th GET after the delete on (1 by default). */
  public synchronized void goneAfterLooks(int looks) {
    looksUntilGone = looks;
  }

  /** The next cluster ends in {@code status} ({@code failed} or {@code error}) instead of {@code ready}. */
  public synchronized void failNextCluster(String status) {
    nextFailsAs = status;
  }

  /** A ready cluster someone else made, without a database; returns its id. */
  public synchronized String addForeignCluster(String name, Instant createdAt) {
    String id = clusterId();
    Cluster cluster = new Cluster(id, name, ORGANIZATION, "iad", "basic", "16", createdAt, "not-envflows", null);
    cluster.status = "ready";
    clusters.put(id, cluster);
    return id;
  }

  public synchronized List<Cluster> clusters() {
    return List.copyOf(clusters.values());
  }

  public synchronized Optional<Cluster> cluster(String id) {
    return Optional.ofNullable(clusters.get(id));
  }

  @Override
  public void close() {
    super.close();
    pooler.close();
    synchronized (this) {
      clusters.values().stream().filter(c -> c.role != null).forEach(c -> FakeCloudPostgres.drop(c.role, c.role));
      clusters.clear();
    }
  }

  @Override
  protected boolean authorized(String authorization) {
    return ("FlyV1 " + TOKEN).equals(authorization) || ("Bearer " + TOKEN).equals(authorization)
        || ("Bearer " + PLAIN_TOKEN).equals(authorization);
  }

  @Override
  protected MockResponse error(int status, String message) {
    return json(status, object().put("error", message));
  }

  @Override
  protected synchronized MockResponse handle(Call call) {
    if (call.path().equals("/v1/postgres")) {
      return switch (call.method()) {
        case "GET" -> list(call);
        case "POST" -> create(call.body());
        default -> error(405, "method not allowed");
      };
    }
    Matcher credentials = CREDENTIALS.matcher(call.path());
    if (credentials.matches() && call.method().equals("GET")) {
      return withCluster(credentials.group(1), cluster -> credentials(cluster, credentials.group(2)));
    }
    Matcher cluster = CLUSTER.matcher(call.path());
    if (cluster.matches()) {
      return switch (call.method()) {
        case "GET" -> withCluster(cluster.group(1), this::look);
        case "DELETE" -> withCluster(cluster.group(1), this::delete);
        default -> error(405, "method not allowed");
      };
    }
    return error(404, "not found");
  }

  private MockResponse withCluster(String id, java.util.function.Function<Cluster, MockResponse> action) {
    Cluster cluster = clusters.get(id);
    return cluster == null ? error(404, "Managed Postgres cluster not found") : action.apply(cluster);
  }

  private MockResponse list(Call call) {
    String organization = call.queryParameter("org_slug");
    if (organization == null || organization.isBlank()) {
      return error(400, "org_slug is required");
    }
    ObjectNode answer = object();
    ArrayNode data = answer.putArray("data");
    clusters.values().stream()
        .filter(c -> c.organization.equals(organization))
        .filter(c -> "true".equals(call.queryParameter("include_deleted")) || !c.status().equals("deleting"))
        .forEach(c -> data.add(summary(c)));
    return json(200, answer);
  }

  private MockResponse create(JsonNode body) {
    if (body == null || !body.isObject()) {
      return error(400, "invalid request body");
    }
    String organization = body.path("org_slug").asText("");
    if (!ORGANIZATION.equals(organization)) {
      return error(404, "organization " + organization + " not found");
    }
    String region = body.path("region").asText("");
    if (!REGIONS.contains(region)) {
      return error(422, "region " + region + " is not available for Managed Postgres");
    }
    String plan = body.path("plan").asText("");
    if (!List.of("basic", "launch", "scale").contains(plan)) {
      return error(422, "invalid plan \"" + plan + "\"");
    }
    JsonNode version = body.path("pg_major_version");
    if (!version.isMissingNode() && (!version.isTextual() || !List.of("15", "16", "17").contains(version.asText()))) {
      return error(422, "pg_major_version must be \"15\", \"16\" or \"17\"");
    }
    if (!body.path("postgis_enabled").isMissingNode() && !body.path("postgis_enabled").isBoolean()) {
      return error(400, "postgis_enabled must be a boolean");
    }
    String id = clusterId();
    String password = FakeCloudPostgres.randomLetters(24);
    Cluster cluster = new Cluster(id, body.path("name").asText(id), organization, region, plan,
        version.asText("16"), Instant.now(), password, "fly_" + id);
    cluster.failsAs = nextFailsAs;
    nextFailsAs = null;
    FakeCloudPostgres.create(cluster.role, password, cluster.role);
    clusters.put(id, cluster);
    return json(201, object().set("data", detail(cluster)));
  }

  /** A GET moves the cluster one step through its states. */
  private MockResponse look(Cluster cluster) {
    synchronized (cluster) {
      cluster.looks++;
      if (cluster.status.equals("creating") && cluster.looks >= looksUntilReady) {
        cluster.status = cluster.failsAs != null ? cluster.failsAs : "ready";
        cluster.looks = 0;
      } else if (cluster.status.equals("deleting") && cluster.looks >= looksUntilGone) {
        remove(cluster);
        return error(404, "Managed Postgres cluster not found");
      }
    }
    return json(200, object().set("data", detail(cluster)));
  }

  private MockResponse delete(Cluster cluster) {
    synchronized (cluster) {
      cluster.status = "deleting";
      cluster.looks = 0;
    }
    return new MockResponse.Builder().code(202).build();
  }

  private MockResponse credentials(Cluster cluster, String user) {
    if (cluster.role == null || !cluster.role.equals(user)) {
      return error(404, "user " + user + " not found");
    }
    return json(200, object().set("data", object().put("username", user).put("password", cluster.password)));
  }

  private void remove(Cluster cluster) {
    clusters.remove(cluster.id);
    if (cluster.role != null) {
      FakeCloudPostgres.drop(cluster.role, cluster.role);
    }
  }

  private static ObjectNode summary(Cluster cluster) {
    ObjectNode json = object()
        .put("id", cluster.id)
        .put("name", cluster.name)
        .put("status", cluster.status())
        .put("region", cluster.region)
        .put("plan", cluster.plan)
        .put("created_at", cluster.createdAt.toString());
    json.putArray("attached_apps");
    return json;
  }

  private ObjectNode detail(Cluster cluster) {
    ObjectNode json = summary(cluster)
        .put("disk_size_gb", 10)
        .put("cpus", 2)
        .put("cpu_kind", "shared")
        .put("memory_mb", 1024)
        .put("replicas", 0)
        .put("pg_major_version", cluster.pgMajorVersion)
        .put("postgis_enabled", false);
    boolean published = cluster.status().equals("ready") && cluster.looks >= looksWithoutEndpoints;
    ObjectNode primary = json.putObject("endpoints").putObject("primary");
    primary.putObject("direct").put("host", published ? FakeCloudPostgres.host() : "")
        .put("port", published ? FakeCloudPostgres.port() : 0);
    primary.putObject("pooler").put("host", published ? pooler.host() : "").put("port", published ? pooler.port() : 0);
    json.putObject("organization").put("name", "envflow fake").put("slug", cluster.organization);
    return json;
  }

  private static String clusterId() {
    return FakeCloudPostgres.randomLetters(16);
  }
}
