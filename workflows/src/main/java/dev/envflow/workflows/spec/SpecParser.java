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
 * provider {@code local}, Redis {@code free}/{@code allkeys-lru}/no TLS, PostgreSQL 15 without pooling and
 * migrations from {@code classpath:migrations/{app}}, the app's name as metric prefix (characters outside
 * {@code [a-z0-9_]} replaced by {@code _}), the seed's alert thresholds, no smoke tests and no approval
 * (timeout {@code PT72H}).
 */
public final class SpecParser {

  public static final List<String> REDIS_PROVIDERS = List.of("upstash", "redis-cloud", "fly-upstash", "local");
  public static final List<String> POSTGRES_PROVIDERS = List.of("supabase", "neon", "fly-postgres", "local");
  public static final List<String> MONITORING_PROVIDERS = List.of("grafana", "datadog", "local");
  public static final List<String> PAAS_PROVIDERS = List.of("fly", "local");
  public static final List<String> TIERS =
      List.of(EnvironmentSpec.PRODUCTION_TIER, EnvironmentSpec.NON_PRODUCTION_TIER);
  public static final List<String> EVICTION_POLICIES = List.of(
      "noeviction", "allkeys-lru", "allkeys-lfu", "allkeys-random",
      "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl");
  public static final List<String> POOLING_MODES = List.of("none", "session", "transaction");
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
      "redis", "postgres", "monitoring", "paas", "smoke", "approval");
  public static final Set<String> REDIS_FIELDS = Set.of("provider", "plan", "evictionPolicy", "tls");
  public static final Set<String> POSTGRES_FIELDS = Set.of("provider", "plan", "version", "pooling", "migrations");
  public static final Set<String> MONITORING_FIELDS = Set.of("provider", "metricPrefix", "alerts", "contacts");
  public static final Set<String> ALERTS_FIELDS = Set.of("latencyP95Ms", "errorRate", "queueDepth");
  public static final Set<String> CONTACTS_FIELDS = Set.of("emails", "slackWebhookSecret");
  public static final Set<String> PAAS_FIELDS = Set.of("provider", "app", "image", "deployCommand");
  public static final Set<String> SMOKE_FIELDS = Set.of("baseUrl", "suite");
  public static final Set<String> APPROVAL_FIELDS = Set.of("required", "approvers", "timeout");

  private final List<FieldError> errors = new ArrayList<>();
  private final JsonFieldReader read = new JsonFieldReader(errors);

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
      SmokeSpec smoke = new SmokeSpec(null, null);
      ApprovalSpec approval = new ApprovalSpec(false, List.of(), "PT72H");
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
            pg.migrations() == null ? "classpath:migrations/" + app : pg.migrations()),
        new MonitoringSpec(mon.provider(),
            mon.metricPrefix() == null ? defaultMetricPrefix(app) : mon.metricPrefix(), mon.alerts(), mon.contacts()),
        new PaasSpec(paas.provider(), paas.app() == null ? name : paas.app(), paas.image(), paas.deployCommand()),
        top.smoke, top.approval);
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
    };
    read.forEachField(node, "redis", REDIS_FIELDS, (name, value) -> {
      String path = "redis." + name;
      switch (name) {
        case "provider" -> r.provider = read.oneOf(value, path, REDIS_PROVIDERS, "provider", r.provider);
        case "plan" -> r.plan = read.nonBlank(value, path, r.plan);
        case "evictionPolicy" ->
            r.evictionPolicy = read.oneOf(value, path, EVICTION_POLICIES, "eviction policy", r.evictionPolicy);
        case "tls" -> r.tls = read.bool(value, path, r.tls);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new RedisSpec(r.provider, r.plan, r.evictionPolicy, r.tls);
  }

  private PostgresSpec postgres(JsonNode node, PostgresSpec d) {
    var p = new Object() {
      String provider = d.provider();
      String plan = d.plan();
      int version = d.version();
      String pooling = d.pooling();
      String migrations = d.migrations();
    };
    read.forEachField(node, "postgres", POSTGRES_FIELDS, (name, value) -> {
      String path = "postgres." + name;
      switch (name) {
        case "provider" -> p.provider = read.oneOf(value, path, POSTGRES_PROVIDERS, "provider", p.provider);
        case "plan" -> p.plan = read.nonBlank(value, path, p.plan);
        case "version" -> p.version = postgresVersion(value, path, p.version);
        case "pooling" -> p.pooling = read.oneOf(value, path, POOLING_MODES, "pooling mode", p.pooling);
        case "migrations" -> p.migrations = migrationsLocation(value, path, p.migrations);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new PostgresSpec(p.provider, p.plan, p.version, p.pooling, p.migrations);
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
    };
    read.forEachField(node, "monitoring", MONITORING_FIELDS, (name, value) -> {
      String path = "monitoring." + name;
      switch (name) {
        case "provider" -> m.provider = read.oneOf(value, path, MONITORING_PROVIDERS, "provider", m.provider);
        case "metricPrefix" -> m.metricPrefix = metricPrefix(value, path, m.metricPrefix);
        case "alerts" -> m.alerts = alerts(value, path, m.alerts);
        case "contacts" -> m.contacts = contacts(value, path, m.contacts);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new MonitoringSpec(m.provider, m.metricPrefix, m.alerts, m.contacts);
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
    };
    read.forEachField(node, "paas", PAAS_FIELDS, (name, value) -> {
      String path = "paas." + name;
      switch (name) {
        case "provider" -> p.provider = read.oneOf(value, path, PAAS_PROVIDERS, "provider", p.provider);
        case "app" -> p.app = dnsName(value, path, 63);
        case "image" -> p.image = read.nonBlank(value, path, null);
        case "deployCommand" -> p.deployCommand = read.nonBlank(value, path, null);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new PaasSpec(p.provider, p.app, p.image, p.deployCommand);
  }

  private SmokeSpec smoke(JsonNode node, SmokeSpec d) {
    var s = new Object() {
      String baseUrl = d.baseUrl();
      String suite = d.suite();
    };
    read.forEachField(node, "smoke", SMOKE_FIELDS, (name, value) -> {
      String path = "smoke." + name;
      switch (name) {
        case "baseUrl" -> s.baseUrl = httpUrl(value, path);
        case "suite" -> s.suite = read.nonBlank(value, path, null);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new SmokeSpec(s.baseUrl, s.suite);
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
    };
    read.forEachField(node, "approval", APPROVAL_FIELDS, (name, value) -> {
      String path = "approval." + name;
      switch (name) {
        case "required" -> a.required = read.bool(value, path, a.required);
        case "approvers" -> a.approvers = approvers(value, path);
        case "timeout" -> a.timeout = positiveDuration(value, path, a.timeout);
        default -> throw new IllegalStateException("no handler for " + path);
      }
    });
    return new ApprovalSpec(a.required, a.approvers, a.timeout);
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
    }
  }
}
