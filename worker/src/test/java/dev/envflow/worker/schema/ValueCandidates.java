package dev.envflow.worker.schema;

import dev.envflow.workflows.spec.SpecParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Values for one field of an otherwise minimal spec, good and bad, on which the schema and the parser must agree:
 * every allowed value of every list, names at and past their length limits, durations, URLs, addresses and numbers
 * at their bounds. Some are tried within a spec that gives the fields they depend on ({@link #addWithin}).
 */
final class ValueCandidates {

  static final List<Object[]> ALL = new ArrayList<>();

  private ValueCandidates() {}

  private static void add(String path, Object... values) {
    for (Object value : values) {
      ALL.add(new Object[] {path, value});
    }
  }

  /** Values for {@code path} in the spec {@code within} (JSON, without app and environment). */
  private static void addWithin(String within, String path, Object... values) {
    for (Object value : values) {
      ALL.add(new Object[] {path, value, within});
    }
  }

  static {
    add("tier", "production-ish", "Production", "");
    SpecParser.TIERS.stream().filter(t -> !t.equals("production")).forEach(t -> add("tier", t));
    SpecParser.REDIS_PROVIDERS.forEach(p -> add("redis.provider", p));
    SpecParser.POSTGRES_PROVIDERS.forEach(p -> add("postgres.provider", p));
    SpecParser.MONITORING_PROVIDERS.forEach(p -> add("monitoring.provider", p));
    SpecParser.PAAS_PROVIDERS.forEach(p -> add("paas.provider", p));
    SpecParser.EVICTION_POLICIES.forEach(p -> add("redis.evictionPolicy", p));
    SpecParser.POOLING_MODES.forEach(p -> add("postgres.pooling", p));
    add("redis.provider", "Upstash", "redis", "", 1);
    add("postgres.pooling", "statement", true);
    SpecParser.SMOKE_SUITES.forEach(s -> add("smoke.suite", s));
    SpecParser.CLASSIC_FLY_POSTGRES_PROVIDERS.forEach(p -> add("postgres.provider", p));
    String flyPostgres = "{\"postgres\": {\"provider\": \"fly-postgres\"}}";
    SpecParser.FLY_POSTGRES_PLANS.forEach(p -> addWithin(flyPostgres, "postgres.plan", p));
    SpecParser.CLASSIC_FLY_POSTGRES_PLANS.forEach(p -> addWithin(flyPostgres, "postgres.plan", p));
    addWithin(flyPostgres, "postgres.plan", "free", "Basic", "", " ", 1);
    SpecParser.PROVISIONED_SECRETS.forEach(s -> add("paas.secrets", List.of(s)));

    add("app", "a", "a1", "1a", "a-b", "a--b", "-a", "a-", "A", "a_b", "a.b", "a".repeat(40), "a".repeat(41), "", 7);
    add("environment", "staging", "prod-eu-1", "stag ing", "e".repeat(40), "e".repeat(41));
    add("paas.app", "synckairos-staging", "x".repeat(63), "x".repeat(64), "Sync");
    add("region", "us-west-1", "local", "", "  ", 3);
    add("requestedBy", "dev@example.com", "", " ");
    add("redis.plan", "free", "pay-as-you-go", "", "\t");
    add("redis.tls", true, false, "true", 1);

    add("postgres.version", 12, 13, 15, 17, 18, "15", 15.5);
    String neon = "{\"postgres\": {\"provider\": \"neon\"}}";
    addWithin(neon, "postgres.branch", "staging", "pr-42", "b", "main", "Main", "main-2", "Staging", "staging_1", "-x", "x-",
        "b".repeat(63), "b".repeat(64), "", " ", 7);
    add("postgres.branch", "staging", "main");
    addWithin("{\"postgres\": {\"provider\": \"supabase\"}}", "postgres.branch", "staging");
    addWithin("{\"postgres\": {\"provider\": \"fly-postgres\"}}", "postgres.branch", "staging");
    addWithin("{\"postgres\": {\"provider\": \"flypg\"}}", "postgres.branch", "staging");
    add("postgres.migrations", "classpath:migrations/synckairos", "filesystem:/srv/migrations", "classpath:", "filesystem:",
        "db/migrations", "s3:bucket/migrations", "");

    add("monitoring.metricPrefix", "synckairos", "sync_kairos", "_x", ":x", "Sync:Kairos_1", "1x", "sync-kairos", "", "a b");
    add("monitoring.alerts.latencyP95Ms", 1, 50, 0, -5, 2147483647, 2147483648L, "50", 12.5);
    add("monitoring.alerts.queueDepth", 1, 1000, 0, -1);
    add("monitoring.alerts.errorRate", 0.01, 0.5, 0.999, 0, 1, 1.5, -0.1, "0.01");
    add("monitoring.contacts.emails", List.of(), List.of("a@b.co"), List.of("a@b.co", "ops@example.com"), List.of("a@b"),
        List.of("@b.co"), List.of("a b@c.de"), List.of("a@b."), List.of(1), "a@b.co");
    add("monitoring.contacts.slackWebhookSecret", "SLACK_WEBHOOK_URL", "_hook", "hook1", "1HOOK", "https://hooks.slack.com/x",
        "MY-HOOK", "");

    add("monitoring.metricsCheck", Map.of(), Map.of("metric", "up"), Map.of("timeout", "PT1M"), Map.of("every", "PT1M"),
        "PT5M", true, List.of());
    add("monitoring.metricsCheck.metric", "synckairos_active_sessions", "a:b", "_x", "synckairos.active_sessions", "1x", "",
        "a-b", "up{job=\"x\"}", 5);
    addWithin("{\"monitoring\": {\"provider\": \"datadog\"}}", "monitoring.metricsCheck.metric",
        "synckairos.active_sessions", "a.b.c", ".x", "1.x", "a b");
    addWithin("{\"monitoring\": {\"provider\": \"grafana\"}}", "monitoring.metricsCheck.metric",
        "synckairos.active_sessions", "synckairos_active_sessions");
    add("monitoring.metricsCheck.timeout", "PT5M", "PT10M", "P1D", "PT0S", "5 minutes", "", 300);

    add("paas.image", "registry.fly.io/synckairos:1.4.2", "", " ");
    addWithin("{\"paas\": {\"provider\": \"fly\"}}", "paas.image", "registry.fly.io/synckairos:1.4.2", "", " ");
    add("paas.secrets", List.of(), List.of("JWT_SECRET"), List.of("JWT_SECRET", "LOG_LEVEL"), List.of("_x", "x1"),
        List.of("JWT_SECRET", "JWT_SECRET"), List.of("REDIS_URL", "REDIS_URL"), List.of("1X"), List.of("MY-KEY"),
        List.of("postgres://u:p@h/db"), List.of(""), List.of(1), "JWT_SECRET");
    add("paas.deployCommand", "echo deployed", "");
    add("smoke.baseUrl", "https://synckairos-staging.fly.dev", "http://localhost:8080/health", "http://127.0.0.1",
        "https://user@example.com:8443/x?y=1#z", "http://[::1]:8080/", "ftp://example.com", "example.com", "https://",
        "HTTP://example.com", "https://exa mple.com", "");
    add("smoke.suite", "full", "Basic", "", "  ", 1);
    add("smoke.load", Map.of());
    String withBaseUrl = "{\"smoke\": {\"baseUrl\": \"https://synckairos-staging.fly.dev\"}}";
    addWithin(withBaseUrl, "smoke.load", Map.of(), Map.of("rate", 5), Map.of("users", 5), "yes", List.of());
    addWithin(withBaseUrl, "smoke.load.path", "/health", "/", "/v1/sessions?x=1", "/a://b", "/a%20b", "/a b", "/a\tb",
        "/a\u00a0b", "/a\u2003b", "/a\u001fb", "/a\u0085://b", "health", "http://x/health", "", " ", 1);
    addWithin(withBaseUrl, "smoke.load.rate", 1, 20, SpecParser.MAX_LOAD_RATE, SpecParser.MAX_LOAD_RATE + 1, 0, -1, 2.5,
        "20");
    String max = SpecParser.MAX_LOAD_DURATION.toString();
    addWithin(withBaseUrl, "smoke.load.duration", "PT30S", "PT1S", "PT0.5S", max, "PT600S", "PT600.000S", "PT9M60S",
        "PT5M300S", "P0DT0H10M", "pt10m", "PT0010M", SpecParser.MAX_LOAD_DURATION.plusMillis(1).toString(),
        SpecParser.MAX_LOAD_DURATION.plusSeconds(1).toString(), "PT600.001S", "PT10M1S", "PT11M", "PT1H", "P1D",
        "PT0S", "P0D", "30 seconds", "", 30);
    addWithin(withBaseUrl, "smoke.load.p95Ms", 1, 200, 2147483647, 2147483648L, 0, -1, 1.5, "200");
    addWithin(withBaseUrl, "smoke.load.errorRate", 0, 0.01, 0.999, 1, 1.5, -0.01, "0.01");

    add("approval.required", false, "yes");
    add("approval.timeout", "PT72H", "P3D", "PT30M", "PT1.5S", "P1DT12H", "pt72h", "PT0S", "P0D", "PT0H0M", "72 hours", "P",
        "PT", "P1DT", "PT72", "72h", "", "P1W");
    add("approval.approvers", List.of(), List.of("ana@example.com"), List.of(""), List.of(" "), "ana@example.com");
  }
}
