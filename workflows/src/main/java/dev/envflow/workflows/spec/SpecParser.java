package dev.envflow.workflows.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a spec as people write it (JSON, or a JSON string as the Temporal UI may send) into an
 * {@link EnvironmentSpec} with every default applied, or into the complete list of problems, each with
 * its field path, in document order (cross-field problems last). Pure and deterministic: it runs inside
 * workflow code.
 *
 * <p>Defaults give the embedded local setup: tier {@code non-production}, region {@code local}, every
 * provider {@code local}, Redis {@code free}/{@code allkeys-lru}/no TLS (a cloud Redis gets TLS unless its
 * {@code tls} is false), PostgreSQL 15 without pooling and migrations from {@code classpath:migrations/{app}}, the
 * app's name as metric prefix (characters outside {@code [a-z0-9_]} replaced by {@code _}), the seed's alert
 * thresholds, no metrics check (an empty {@code monitoring.metricsCheck} looks for
 * {@code {prefix}_active_sessions} for {@code PT5M}), no smoke tests and no approval (timeout {@code PT72H}). A
 * {@code fly-postgres} database defaults to plan {@code basic}, the smallest Fly Managed Postgres plan; classic Fly
 * Postgres, which has no API, is refused with the reason. {@code postgres.branch} is for {@code neon} only.
 */
public final class SpecParser {

  public static final List<String> REDIS_PROVIDERS = List.of("upstash", "redis-cloud", "fly-upstash", "local", "nop");
  public static final List<String> POSTGRES_PROVIDERS = List.of("supabase", "neon", "fly-postgres", "local", "nop");
  public static final List<String> MONITORING_PROVIDERS = List.of("grafana", "datadog", "local", "nop");
  public static final List<String> PAAS_PROVIDERS = List.of("fly", "local", "nop");
  /** The steps {@code nop.failStep} may name. */
  public static final List<String> NOP_STEPS = NopSpec.STEPS;
  public static final List<String> SMOKE_SUITES = List.of(SmokeSpec.SYNCKAIROS_SUITE, SmokeSpec.BASIC_SUITE);
  /** The secret keys envflow sets from the provisioned resources; a spec may not list them as extra keys. */
  public static final List<String> PROVISIONED_SECRETS = List.of("REDIS_URL", "DATABASE_URL");
  public static final int MAX_LOAD_RATE = 500;
  public static final Duration MAX_LOAD_DURATION = Duration.ofMinutes(10);
  public static final List<String> TIERS =
      List.of(EnvironmentSpec.PRODUCTION_TIER, EnvironmentSpec.NON_PRODUCTION_TIER);
  public static final List<String> EVICTION_POLICIES = List.of(
      "noeviction", "allkeys-lru", "allkeys-lfu", "allkeys-random",
      "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl");
  public static final List<String> POOLING_MODES = List.of("none", "session", "transaction");
  /** Fly Managed Postgres plans ({@code fly mpg create --plan}); the first is the default. */
  public static final List<String> FLY_POSTGRES_PLANS = List.of("basic", "launch", "scale");
  /**
   * Provider names people write when they mean classic Fly Postgres ({@code fly postgres create}): refused with the
   * reason, since it has no API envflow could call.
   */
  public static final List<String> CLASSIC_FLY_POSTGRES_PROVIDERS =
      List.of("fly", "flyio", "fly-classic", "fly-postgres-classic", "flypg");
  /** {@code fly-postgres} plans that ask for classic Fly Postgres rather than Managed Postgres: refused the same way. */
  public static final List<String> CLASSIC_FLY_POSTGRES_PLANS =
      List.of("classic", "legacy", "unmanaged", "flex", "postgres-flex");
  public static final String NEON = "neon";
  public static final String FLY_POSTGRES = "fly-postgres";
  public static final int MIN_POSTGRES_VERSION = 13;
  public static final int MAX_POSTGRES_VERSION = 17;
  public static final int MAX_NAME_LENGTH = 40;
  public static final String LOCAL = "local";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern PROMETHEUS_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  // the fields each object of the spec accepts; docs/spec.schema.json lists the same (SpecSchemaTest keeps them equal)
  public static final Set<String> TOP_FIELDS = Set.of("app", "environment", "tier", "region", "requestedBy",
      "redis", "postgres", "monitoring", "paas", "smoke", "approval", "nop");
  public static final Set<String> REDIS_FIELDS = Set.of("provider", "plan", "evictionPolicy", "tls");
  public static final Set<String> POSTGRES_FIELDS =
      Set.of("provider", "plan", "version", "pooling", "migrations", "branch");
  public static final Set<String> MONITORING_FIELDS =
      Set.of("provider", "metricPrefix", "alerts", "contacts", "metricsCheck");
  public static final Set<String> METRICS_CHECK_FIELDS = Set.of("metric", "timeout");
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:.]*");
  public static final Set<String> ALERTS_FIELDS = Set.of("latencyP95Ms", "errorRate", "queueDepth");
  public static final Set<String> CONTACTS_FIELDS = Set.of("emails", "slackWebhookSecret");
  public static final Set<String> PAAS_FIELDS = Set.of("provider", "app", "image", "deployCommand", "secrets");
  public static final Set<String> SMOKE_FIELDS = Set.of("baseUrl", "suite", "load");
  public static final Set<String> LOAD_FIELDS = Set.of("path", "rate", "duration", "p95Ms", "errorRate");
  public static final Set<String> APPROVAL_FIELDS = Set.of("required", "approvers", "timeout", "quorum", "remindBefore");
  public static final Set<String> NOP_FIELDS = NopSpecReader.FIELDS;

  private final List<FieldError> errors = new ArrayList<>();
  private final JsonFieldReader read = new JsonFieldReader(errors);
  private final NopSpecReader nop = new NopSpecReader(read);

  private SpecParser() {}

  /** Reads {@code json}; never throws for bad input, which is reported in {@link ParsedSpec#errors()}. */
  public static ParsedSpec parse(JsonNode json) {
    return new SpecParser().parseDocument(json);
  }

  private ParsedSpec parseDocument(JsonNode json) {
    JsonNode document = json;
    if (json != null && json.isTextual()) {
      try {
        document = JSON.readTree(json.textValue());
      } catch (JsonProcessingException e) {
        read.error("spec", "not valid JSON: " + e.getOriginalMessage());
        return invalid();
      }
    }
    if (document == null || !document.isObject()) {
      read.error("spec", "expected a JSON object");
      return invalid();
    }
    EnvironmentSpec spec = parseTop(document);
    checkApprovers(spec);
    checkRollout(spec);
    nop.check(spec);
    return errors.isEmpty() ? new ParsedSpec(spec, List.of()) : invalid();
  }

  private ParsedSpec invalid() {
    return new ParsedSpec(null, List.copyOf(errors));
  }

  private EnvironmentSpec parseTop(JsonNode node) {
    var top = new Object() {
      String app;
      String environment;
      String tier = EnvironmentSpec.NON_PRODUCTION_TIER;
      String region = LOCAL;
      String requestedBy = "unknown";
      RedisSpec redis = new RedisSpec(LOCAL, "free", "allkeys-lru", false);
      PostgresSpec postgres = new PostgresSpec(LOCAL, "free", 15, "none", null);
      MonitoringSpec monitoring = new MonitoringSpec(LOCAL, null, defaultAlerts(), defaultContacts());
      PaasSpec paas = new PaasSpec(LOCAL, null, null, null);
      SmokeSpec smoke = new SmokeSpec(null, SmokeSpec.SYNCKAIROS_SUITE);
      ApprovalSpec approval = new ApprovalSpec(false, List.of(), "PT72H");
      NopSpec nop;
    };
    read.forEachField(node, "", TOP_FIELDS, (name, value) -> {
      switch (name) {
        case "app" -> top.app = dnsName(value, name, MAX_NAME_LENGTH);
        case "environment" -> top.environment = dnsName(value, name, MAX_NAME_LENGTH);
        case "tier" -> top.tier = read.oneOf(value, name, TIERS, "tier", top.tier);
        case "region" -> top.region = read.nonBlank(value, name, top.region);
        case "requestedBy" -> top.requestedBy = read.nonBlank(value, name, top.requestedBy);
        case "redis" -> top.redis = redis(value, top.redis);
        case "postgres" -> top.postgres = postgres(value, top.postgres);
        case "monitoring" -> top.monitoring = monitoring(value, top.monitoring);
        case "paas" -> top.paas = paas(value, top.paas);
        case "smoke" -> top.smoke = smoke(value, top.smoke);
        case "approval" -> top.approval = approval(value, top.approval);
        case "nop" -> top.nop = nop.read(value);
        default -> throw new IllegalStateException("no handler for " + name);
      }
    });
    if (!node.hasNonNull("app")) {
      read.error("app", "required");
    }
    if (!node.hasNonNull("environment")) {
      read.error("environment", "required");
    }
    String app = top.app == null ? "app" : top.app;
    String name = app + "-" + (top.environment == null ? "environment" : top.environment);
    PostgresSpec pg = top.postgres;
    MonitoringSpec mon = top.monitoring;
    PaasSpec paas = top.paas;
    return new EnvironmentSpec(top.app, top.environment, top.tier, top.region, top.requestedBy, top.redis,
        new PostgresSpec(pg.provider(), pg.plan(), pg.version(), pg.pooling(),
            pg.migrations() == null ? "classpath:migrations/" + app : pg.migrations(), pg.branch()),
        monitoringWithDefaults(mon, app),
        new PaasSpec(paas.provider(), paas.app() == null ? name : paas.app(), paas.image(), paas.deployCommand(),
            paas.secrets()),
        top.smoke, top.approval, top.nop);
  }

  private MonitoringSpec monitoringWithDefaults(MonitoringSpec mon, String app) {
    String prefix = mon.metricPrefix() == null ? defaultMetricPrefix(app) : mon.metricPrefix();
    MetricsCheckSpec check = mon.metricsCheck();
    if (check != null) {
      String metric = check.metric() == null ? MetricsCheckSpec.defaultMetric(prefix) : check.metric();
      if (metric.contains(".") && !"datadog".equals(mon.provider())) {
        read.error("monitoring.metricsCheck.metric", "\"" + metric + "\" has a dot, which only Datadog metric names"
            + " may have; Prometheus names use letters, digits, _ and :");
      }
      check = new MetricsCheckSpec(metric, check.timeout() == null ? MetricsCheckSpec.DEFAULT_TIMEOUT : check.timeout());
    }
    return new MonitoringSpec(mon.provider(), prefix, mon.alerts(), mon.contacts(), check);
  }

  /** The app's name as a Prometheus-safe prefix: {@code synckairos}, {@code my_app}; a leading digit gets {@code _}. */
  static String defaultMetricPrefix(String app) {
    String prefix = app.replaceAll("[^a-z0-9_]", "_");
    return Character.isDigit(prefix.charAt(0)) ? "_" + prefix : prefix;
  }

  private RedisSpec redis(JsonNode node, RedisSpec d) {
    var r = new Object() {
      String provider = d.provider();
      String plan = d.plan();
      String evictionPolicy = d.evictionPolicy();
      boolean tls = d.tls();
      boolean tlsGiven;
    };
    read.forEachField(node, "redis", REDIS_FIELDS, (name, value) -> {
      String path = "redis." + name;
      switch (name) {
        case "provider" -> r.provider = read.oneOf(value, path, REDIS_PROVIDERS, "provider", r.provider);
        case "plan" -> r.plan = read.nonBlank(value, path, r.plan);
        case "evictionPolicy" ->
            r.evictionPolicy = read.oneOf(value, path, EVICTION_POLICIES, "eviction policy", r.evictionPolicy);
        case "tls" -> {
          r.tls = read.bool(value, path, r.tls);
          r.tlsGiven = true;
        }
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    // The seed wants TLS for a cloud Redis: on unless the spec turns it off; the local server has none.
    boolean tls = r.tlsGiven ? r.tls : !LOCAL.equals(r.provider);
    return new RedisSpec(r.provider, r.plan, r.evictionPolicy, tls);
  }

  private PostgresSpec postgres(JsonNode node, PostgresSpec d) {
    var p = new Object() {
      String provider = d.provider();
      String plan = d.plan();
      boolean planGiven;
      int version = d.version();
      String pooling = d.pooling();
      String migrations = d.migrations();
      String branch = d.branch();
      boolean providerRefused;
    };
    read.forEachField(node, "postgres", POSTGRES_FIELDS, (name, value) -> {
      String path = "postgres." + name;
      switch (name) {
        case "provider" -> {
          int before = errors.size();
          p.provider = postgresProvider(value, path, p.provider);
          p.providerRefused = errors.size() > before;
        }
        case "plan" -> {
          p.plan = read.nonBlank(value, path, p.plan);
          p.planGiven = true;
        }
        case "version" -> p.version = postgresVersion(value, path, p.version);
        case "pooling" -> p.pooling = read.oneOf(value, path, POOLING_MODES, "pooling mode", p.pooling);
        case "migrations" -> p.migrations = migrationsLocation(value, path, p.migrations);
        case "branch" -> p.branch = dnsName(value, path, 63);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    if (FLY_POSTGRES.equals(p.provider)) {
      p.plan = p.planGiven ? flyPostgresPlan(p.plan, "postgres.plan") : FLY_POSTGRES_PLANS.get(0);
    }
    if (p.branch != null && !p.providerRefused && !NEON.equals(p.provider)) {
      read.error("postgres.branch", "only the neon provider has branches (this spec's postgres.provider is "
          + p.provider + "); remove postgres.branch or use provider neon");
      p.branch = null;
    } else if ("main".equals(p.branch)) {
      read.error("postgres.branch", "\"main\" is the default branch every Neon project has; omit postgres.branch to"
          + " use it, or name another branch (e.g. staging)");
      p.branch = null;
    }
    return new PostgresSpec(p.provider, p.plan, p.version, p.pooling, p.migrations, p.branch);
  }

  /** A known provider; classic Fly Postgres is refused with the reason and what to use instead. */
  private String postgresProvider(JsonNode value, String path, String fallback) {
    String text = read.text(value, path, null);
    if (text != null && CLASSIC_FLY_POSTGRES_PROVIDERS.contains(text)) {
      read.error(path, classicFlyPostgres("\"" + text + "\""));
      return fallback;
    }
    return text == null ? fallback : read.oneOf(value, path, POSTGRES_PROVIDERS, "provider", fallback);
  }

  private String flyPostgresPlan(String plan, String path) {
    if (CLASSIC_FLY_POSTGRES_PLANS.contains(plan)) {
      read.error(path, classicFlyPostgres("plan \"" + plan + "\""));
      return FLY_POSTGRES_PLANS.get(0);
    }
    if (!FLY_POSTGRES_PLANS.contains(plan)) {
      read.error(path, "unknown Fly Managed Postgres plan \"" + plan + "\"; expected one of "
          + String.join(", ", FLY_POSTGRES_PLANS));
      return FLY_POSTGRES_PLANS.get(0);
    }
    return plan;
  }

  /** Why classic Fly Postgres is refused, and what to ask for instead. */
  public static String classicFlyPostgres(String asked) {
    return asked + " asks for classic Fly Postgres (fly postgres create), which has no API: flyctl builds it"
        + " client-side from apps, volumes and machines, and the result is an unmanaged app envflow could not"
        + " create, adopt or delete safely; use provider fly-postgres (Fly Managed Postgres, beta), supabase or neon";
  }

  private int postgresVersion(JsonNode value, String path, int fallback) {
    int version = read.wholeNumber(value, path, -1);
    if (version == -1) {
      return fallback;
    }
    if (version < MIN_POSTGRES_VERSION || version > MAX_POSTGRES_VERSION) {
      read.error(path, "unsupported version " + version + "; expected " + MIN_POSTGRES_VERSION + " to "
          + MAX_POSTGRES_VERSION);
      return fallback;
    }
    return version;
  }

  private String migrationsLocation(JsonNode value, String path, String fallback) {
    String location = read.text(value, path, null);
    if (location == null) {
      return fallback;
    }
    boolean known = (location.startsWith("classpath:") && location.length() > "classpath:".length())
        || (location.startsWith("filesystem:") && location.length() > "filesystem:".length());
    if (!known) {
      read.error(path, "\"" + location + "\" is not a migrations location; expected classpath:... or filesystem:...");
      return fallback;
    }
    return location;
  }

  private MonitoringSpec monitoring(JsonNode node, MonitoringSpec d) {
    var m = new Object() {
      String provider = d.provider();
      String metricPrefix = d.metricPrefix();
      AlertsSpec alerts = d.alerts();
      ContactsSpec contacts = d.contacts();
      MetricsCheckSpec metricsCheck = d.metricsCheck();
    };
    read.forEachField(node, "monitoring", MONITORING_FIELDS, (name, value) -> {
      String path = "monitoring." + name;
      switch (name) {
        case "provider" -> m.provider = read.oneOf(value, path, MONITORING_PROVIDERS, "provider", m.provider);
        case "metricPrefix" -> m.metricPrefix = metricPrefix(value, path, m.metricPrefix);
        case "alerts" -> m.alerts = alerts(value, path, m.alerts);
        case "contacts" -> m.contacts = contacts(value, path, m.contacts);
        case "metricsCheck" -> m.metricsCheck = metricsCheck(value, path);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new MonitoringSpec(m.provider, m.metricPrefix, m.alerts, m.contacts, m.metricsCheck);
  }

  /** {@code {"metric": ..., "timeout": ...}}; either may be left out for its default (applied with the prefix). */
  private MetricsCheckSpec metricsCheck(JsonNode node, String base) {
    var c = new Object() {
      String metric;
      String timeout;
    };
    read.forEachField(node, base, METRICS_CHECK_FIELDS, (name, value) -> {
      String path = base + "." + name;
      switch (name) {
        case "metric" -> c.metric = metricName(value, path);
        case "timeout" -> c.timeout = positiveDuration(value, path, null);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new MetricsCheckSpec(c.metric, c.timeout);
  }

  private String metricName(JsonNode value, String path) {
    String metric = read.text(value, path, null);
    if (metric != null && !METRIC_NAME.matcher(metric).matches()) {
      read.error(path, "\"" + metric + "\" is not a metric name; use letters, digits, _ and : (and . for Datadog),"
          + " not starting with a digit");
      return null;
    }
    return metric;
  }

  private String metricPrefix(JsonNode value, String path, String fallback) {
    String prefix = read.text(value, path, null);
    if (prefix == null) {
      return fallback;
    }
    if (!PROMETHEUS_NAME.matcher(prefix).matches()) {
      read.error(path, "\"" + prefix + "\" is not a valid Prometheus metric name; use letters, digits, _ and :,"
          + " not starting with a digit");
      return fallback;
    }
    return prefix;
  }

  private static AlertsSpec defaultAlerts() {
    return new AlertsSpec(50, 0.01, 1000);
  }

  private AlertsSpec alerts(JsonNode node, String base, AlertsSpec d) {
    var a = new Object() {
      int latencyP95Ms = d.latencyP95Ms();
      double errorRate = d.errorRate();
      int queueDepth = d.queueDepth();
    };
    read.forEachField(node, base, ALERTS_FIELDS, (name, value) -> {
      String path = base + "." + name;
      switch (name) {
        case "latencyP95Ms" -> a.latencyP95Ms = positiveWholeNumber(value, path, a.latencyP95Ms);
        case "queueDepth" -> a.queueDepth = positiveWholeNumber(value, path, a.queueDepth);
        case "errorRate" -> a.errorRate = errorRate(value, path, a.errorRate);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new AlertsSpec(a.latencyP95Ms, a.errorRate, a.queueDepth);
  }

  private int positiveWholeNumber(JsonNode value, String path, int fallback) {
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      read.error(path, "expected a whole number");
      return fallback;
    }
    if (value.intValue() <= 0) {
      read.error(path, "must be positive, was " + value.intValue());
      return fallback;
    }
    return value.intValue();
  }

  private double errorRate(JsonNode value, String path, double fallback) {
    if (!value.isNumber()) {
      read.error(path, "expected a number");
      return fallback;
    }
    double rate = value.doubleValue();
    if (!(rate > 0 && rate < 1)) {
      read.error(path, "must be a fraction between 0 and 1 (exclusive), e.g. 0.01 for 1%; was " + value.asText());
      return fallback;
    }
    return rate;
  }

  private static ContactsSpec defaultContacts() {
    return new ContactsSpec(List.of(), null);
  }

  private ContactsSpec contacts(JsonNode node, String base, ContactsSpec d) {
    var c = new Object() {
      List<String> emails = d.emails();
      String slackWebhookSecret = d.slackWebhookSecret();
    };
    read.forEachField(node, base, CONTACTS_FIELDS, (name, value) -> {
      String path = base + "." + name;
      switch (name) {
        case "emails" -> c.emails = emails(value, path);
        case "slackWebhookSecret" -> c.slackWebhookSecret = secretName(value, path);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new ContactsSpec(c.emails, c.slackWebhookSecret);
  }

  private List<String> emails(JsonNode value, String path) {
    List<String> emails = read.textList(value, path);
    for (int i = 0; i < emails.size() && value.isArray(); i++) {
      if (!EMAIL.matcher(emails.get(i)).matches()) {
        read.error(path + "[" + i + "]", "\"" + emails.get(i) + "\" does not look like an email address");
      }
    }
    return emails;
  }

  private String secretName(JsonNode value, String path) {
    String name = read.text(value, path, null);
    if (name != null && !SECRET_NAME.matcher(name).matches()) {
      read.error(path, "must name a secret in the worker's environment (e.g. SLACK_WEBHOOK_URL), not hold the"
          + " webhook URL itself");
      return null;
    }
    return name;
  }

  private PaasSpec paas(JsonNode node, PaasSpec d) {
    var p = new Object() {
      String provider = d.provider();
      String app = d.app();
      String image = d.image();
      String deployCommand = d.deployCommand();
      List<String> secrets = d.secrets();
    };
    read.forEachField(node, "paas", PAAS_FIELDS, (name, value) -> {
      String path = "paas." + name;
      switch (name) {
        case "provider" -> p.provider = read.oneOf(value, path, PAAS_PROVIDERS, "provider", p.provider);
        case "app" -> p.app = dnsName(value, path, 63);
        case "image" -> p.image = read.nonBlank(value, path, null);
        case "deployCommand" -> p.deployCommand = read.nonBlank(value, path, null);
        case "secrets" -> p.secrets = extraSecrets(value, path);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new PaasSpec(p.provider, p.app, p.image, p.deployCommand, p.secrets);
  }

  /** Names of worker variables to give the application as secrets of the same name. */
  private List<String> extraSecrets(JsonNode value, String path) {
    List<String> names = read.textList(value, path);
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < names.size() && value.isArray(); i++) {
      String name = names.get(i);
      String at = path + "[" + i + "]";
      if (!SECRET_NAME.matcher(name).matches()) {
        read.error(at, "\"" + name + "\" is not a secret key; use letters, digits and _ (e.g. JWT_SECRET), the name"
            + " of a variable in the worker's environment, never its value");
      } else if (PROVISIONED_SECRETS.contains(name)) {
        read.error(at, name + " is set by envflow from the provisioned resources; do not list it");
      } else if (seen.contains(name)) {
        read.error(at, name + " is listed twice");
      }
      seen.add(name);
    }
    return names;
  }

  private SmokeSpec smoke(JsonNode node, SmokeSpec d) {
    var s = new Object() {
      String baseUrl = d.baseUrl();
      String suite = d.suite();
      LoadSpec load = d.load();
    };
    read.forEachField(node, "smoke", SMOKE_FIELDS, (name, value) -> {
      String path = "smoke." + name;
      switch (name) {
        case "baseUrl" -> s.baseUrl = httpUrl(value, path);
        case "suite" -> s.suite = read.oneOf(value, path, SMOKE_SUITES, "suite", s.suite);
        case "load" -> s.load = load(value, path);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new SmokeSpec(s.baseUrl, s.suite, s.load);
  }

  /** The load step; each field left out takes {@link LoadSpec#DEFAULT}'s value. */
  private LoadSpec load(JsonNode node, String base) {
    LoadSpec d = LoadSpec.DEFAULT;
    var l = new Object() {
      String path = d.path();
      int rate = d.rate();
      String duration = d.duration();
      int p95Ms = d.p95Ms();
      double errorRate = d.errorRate();
    };
    read.forEachField(node, base, LOAD_FIELDS, (name, value) -> {
      String path = base + "." + name;
      switch (name) {
        case "path" -> l.path = requestPath(value, path, l.path);
        case "rate" -> l.rate = loadRate(value, path, l.rate);
        case "duration" -> l.duration = loadDuration(value, path, l.duration);
        case "p95Ms" -> l.p95Ms = positiveWholeNumber(value, path, l.p95Ms);
        case "errorRate" -> l.errorRate = tolerance(value, path, l.errorRate);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new LoadSpec(l.path, l.rate, l.duration, l.p95Ms, l.errorRate);
  }

  private String requestPath(JsonNode value, String path, String fallback) {
    String text = read.nonBlank(value, path, null);
    if (text == null) {
      return fallback;
    }
    if (!text.startsWith("/") || text.contains("://") || text.chars().anyMatch(Character::isWhitespace)) {
      read.error(path, "\"" + text + "\" is not a path on smoke.baseUrl; expected e.g. /health");
      return fallback;
    }
    return text;
  }

  private int loadRate(JsonNode value, String path, int fallback) {
    int rate = positiveWholeNumber(value, path, -1);
    if (rate == -1) {
      return fallback;
    }
    if (rate > MAX_LOAD_RATE) {
      read.error(path, rate + " requests per second is more than the load step sends (at most " + MAX_LOAD_RATE
          + "); use k6 for real load tests");
      return fallback;
    }
    return rate;
  }

  private String loadDuration(JsonNode value, String path, String fallback) {
    String text = positiveDuration(value, path, null);
    if (text == null) {
      return fallback;
    }
    if (Duration.parse(text).compareTo(MAX_LOAD_DURATION) > 0) {
      read.error(path, "\"" + text + "\" is longer than the load step runs (at most " + MAX_LOAD_DURATION + ")");
      return fallback;
    }
    return text;
  }

  private double tolerance(JsonNode value, String path, double fallback) {
    if (!value.isNumber()) {
      read.error(path, "expected a number");
      return fallback;
    }
    double rate = value.doubleValue();
    if (!(rate >= 0 && rate < 1)) {
      read.error(path, "must be a fraction from 0 to 1 (exclusive), e.g. 0.01 for 1%; was " + value.asText());
      return fallback;
    }
    return rate;
  }

  private String httpUrl(JsonNode value, String path) {
    String url = read.text(value, path, null);
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (http && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    read.error(path, "\"" + url + "\" is not an http(s) URL such as https://app.example.com");
    return null;
  }

  private ApprovalSpec approval(JsonNode node, ApprovalSpec d) {
    var a = new Object() {
      boolean required = d.required();
      List<String> approvers = d.approvers();
      String timeout = d.timeout();
      int quorum = d.quorum();
      String remindBefore = d.remindBefore();
    };
    read.forEachField(node, "approval", APPROVAL_FIELDS, (name, value) -> {
      String path = "approval." + name;
      switch (name) {
        case "required" -> a.required = read.bool(value, path, a.required);
        case "approvers" -> a.approvers = approvers(value, path);
        case "timeout" -> a.timeout = positiveDuration(value, path, a.timeout);
        case "quorum" -> a.quorum = positiveWholeNumber(value, path, a.quorum);
        case "remindBefore" -> a.remindBefore = positiveDuration(value, path, a.remindBefore);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    if (a.remindBefore != null && Duration.parse(a.remindBefore).compareTo(Duration.parse(a.timeout)) >= 0) {
      read.error("approval.remindBefore", "must be shorter than the timeout " + a.timeout + ", was " + a.remindBefore);
      a.remindBefore = null;
    }
    return new ApprovalSpec(a.required, a.approvers, a.timeout, a.quorum, a.remindBefore);
  }

  private List<String> approvers(JsonNode value, String path) {
    List<String> approvers = read.textList(value, path);
    for (int i = 0; i < approvers.size() && value.isArray(); i++) {
      if (approvers.get(i).isBlank()) {
        read.error(path + "[" + i + "]", "must not be blank");
      }
    }
    return approvers;
  }

  private String positiveDuration(JsonNode value, String path, String fallback) {
    String text = read.text(value, path, null);
    if (text == null) {
      return fallback;
    }
    try {
      Duration duration = Duration.parse(text);
      if (duration.isNegative() || duration.isZero()) {
        read.error(path, "must be longer than zero, was \"" + text + "\"");
        return fallback;
      }
      return text;
    } catch (DateTimeParseException e) {
      read.error(path, "not an ISO-8601 duration such as PT72H or P3D: \"" + text + "\"");
      return fallback;
    }
  }

  private String dnsName(JsonNode value, String path, int maxLength) {
    String name = read.text(value, path, null);
    if (name == null) {
      return null;
    }
    if (name.length() > maxLength) {
      read.error(path, "\"" + name + "\" is " + name.length() + " characters long; at most " + maxLength
          + " allowed");
      return null;
    }
    if (!DNS_LABEL.matcher(name).matches()) {
      read.error(path, "\"" + name + "\" is not DNS-safe; use lowercase letters, digits and inner hyphens");
      return null;
    }
    return name;
  }

  /** What a rollout needs besides its own fields: an image to run on Fly, an address to send the load to. */
  private void checkRollout(EnvironmentSpec spec) {
    if ("fly".equals(spec.paas().provider()) && spec.paas().image() == null) {
      read.error("paas.image", "required when paas.provider is fly: the image the app's machines run, e.g."
          + " registry.fly.io/" + spec.paas().app() + ":1.0.0");
    }
    if (spec.smoke().load() != null && spec.smoke().baseUrl() == null) {
      read.error("smoke.load", "needs smoke.baseUrl, where the load is sent");
    }
  }

  private void checkApprovers(EnvironmentSpec spec) {
    if (!spec.requiresApproval()) {
      return;
    }
    List<String> approvers = spec.approval().approvers();
    String why = EnvironmentSpec.PRODUCTION_TIER.equals(spec.tier()) ? "tier production" : "approval.required";
    if (approvers.isEmpty()) {
      read.error("approval.approvers", why + " needs approval but no approvers are listed");
    } else if (approvers.stream().allMatch(a -> a.equals(spec.requestedBy()))) {
      read.error("approval.approvers", "the only approver is the requester \"" + spec.requestedBy()
          + "\", who may not approve their own environment; list someone else");
    } else {
      long eligible = approvers.stream().distinct().filter(a -> !a.equals(spec.requestedBy())).count();
      if (spec.approval().quorum() > eligible) {
        read.error("approval.quorum", "needs " + spec.approval().quorum() + " distinct approvers but only " + eligible
            + " of the listed approvers may approve (the requester may not)");
      }
    }
  }
}
