package dev.envflow.worker.schema;

import dev.envflow.workflows.spec.SpecParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Values for one field of an otherwise minimal spec, good and bad, on which the schema and the parser must agree:
 * every allowed value of every list, names at and past their length limits, durations, URLs, addresses and numbers
 * at their bounds.
 */
final class ValueCandidates {

  static final List<Object[]> ALL = new ArrayList<>();

  private ValueCandidates() {}

  private static void add(String path, Object... values) {
    for (Object value : values) {
      ALL.add(new Object[] {path, value});
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

    add("app", "a", "a1", "1a", "a-b", "a--b", "-a", "a-", "A", "a_b", "a.b", "a".repeat(40), "a".repeat(41), "", 7);
    add("environment", "staging", "prod-eu-1", "stag ing", "e".repeat(40), "e".repeat(41));
    add("paas.app", "synckairos-staging", "x".repeat(63), "x".repeat(64), "Sync");
    add("region", "us-west-1", "local", "", "  ", 3);
    add("requestedBy", "dev@example.com", "", " ");
    add("redis.plan", "free", "pay-as-you-go", "", "\t");
    add("redis.tls", true, false, "true", 1);

    add("postgres.version", 12, 13, 15, 17, 18, "15", 15.5);
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

    add("paas.image", "registry.fly.io/synckairos:1.4.2", "", " ");
    add("paas.deployCommand", "echo deployed", "");
    add("smoke.baseUrl", "https://synckairos-staging.fly.dev", "http://localhost:8080/health", "http://127.0.0.1",
        "https://user@example.com:8443/x?y=1#z", "http://[::1]:8080/", "ftp://example.com", "example.com", "https://",
        "HTTP://example.com", "https://exa mple.com", "");
    add("smoke.suite", "synckairos", "", "  ");

    add("approval.required", false, "yes");
    add("approval.timeout", "PT72H", "P3D", "PT30M", "PT1.5S", "P1DT12H", "pt72h", "PT0S", "P0D", "PT0H0M", "72 hours", "P",
        "PT", "P1DT", "PT72", "72h", "", "P1W");
    add("approval.approvers", List.of(), List.of("ana@example.com"), List.of(""), List.of(" "), "ana@example.com");
  }
}
