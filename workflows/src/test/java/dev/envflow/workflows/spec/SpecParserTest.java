package dev.envflow.workflows.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String DESIGN_SPEC = """
      {
        "app": "synckairos", "environment": "staging", "tier": "non-production", "region": "us-west-1",
        "requestedBy": "dev@example.com",
        "redis":      { "provider": "upstash", "plan": "free", "evictionPolicy": "allkeys-lru", "tls": true },
        "postgres":   { "provider": "supabase", "plan": "free", "version": 15, "pooling": "transaction",
                        "migrations": "classpath:migrations/synckairos" },
        "monitoring": { "provider": "grafana", "metricPrefix": "synckairos",
                        "alerts": { "latencyP95Ms": 50, "errorRate": 0.01, "queueDepth": 1000 },
                        "contacts": { "emails": ["alerts@example.com"], "slackWebhookSecret": "SLACK_WEBHOOK_URL" } },
        "paas":       { "provider": "fly", "app": "synckairos-staging", "image": "registry.fly.io/synckairos:1.4.2" },
        "smoke":      { "baseUrl": "https://synckairos-staging.fly.dev", "suite": "synckairos" },
        "approval":   { "required": false, "approvers": [], "timeout": "PT72H" }
      }""";

  @Test
  void readsTheSpecOfTheDesignDocument() throws Exception {
    ParsedSpec parsed = SpecParser.parse(JSON.readTree(DESIGN_SPEC));

    assertThat(parsed.errors()).isEmpty();
    EnvironmentSpec spec = parsed.spec();
    assertThat(spec.id()).isEqualTo("env-synckairos-staging");
    assertThat(spec.redis()).isEqualTo(new RedisSpec("upstash", "free", "allkeys-lru", true));
    assertThat(spec.postgres().pooling()).isEqualTo("transaction");
    assertThat(spec.monitoring().alerts()).isEqualTo(new AlertsSpec(50, 0.01, 1000));
    assertThat(spec.smoke().baseUrl()).isEqualTo("https://synckairos-staging.fly.dev");
    assertThat(spec.requiresApproval()).isFalse();
  }

  @Test
  void defaultsEverythingButAppAndEnvironmentToTheLocalSetup() throws Exception {
    EnvironmentSpec spec = SpecParser.parse(JSON.readTree("{\"app\": \"sync-kairos\", \"environment\": \"dev\"}")).spec();

    assertThat(spec.tier()).isEqualTo("non-production");
    assertThat(List.of(spec.redis().provider(), spec.postgres().provider(), spec.monitoring().provider(), spec.paas().provider()))
        .containsOnly("local");
    assertThat(spec.postgres().migrations()).isEqualTo("classpath:migrations/sync-kairos");
    assertThat(spec.monitoring().metricPrefix()).isEqualTo("sync_kairos");
    assertThat(spec.monitoring().alerts()).isEqualTo(new AlertsSpec(50, 0.01, 1000));
    assertThat(spec.paas().app()).isEqualTo("sync-kairos-dev");
    assertThat(spec.approval()).isEqualTo(new ApprovalSpec(false, List.of(), "PT72H"));
    assertThat(spec.smoke().baseUrl()).isNull();
  }

  @Test
  void givesACloudRedisTlsUnlessTheSpecTurnsItOff() throws Exception {
    EnvironmentSpec unsaid = SpecParser.parse(JSON.readTree(
        "{\"app\": \"a\", \"environment\": \"b\", \"redis\": {\"provider\": \"upstash\"}}")).spec();
    EnvironmentSpec off = SpecParser.parse(JSON.readTree(
        "{\"app\": \"a\", \"environment\": \"b\", \"redis\": {\"provider\": \"redis-cloud\", \"tls\": false}}")).spec();
    EnvironmentSpec local = SpecParser.parse(JSON.readTree("{\"app\": \"a\", \"environment\": \"b\"}")).spec();

    assertThat(unsaid.redis().tls()).isTrue();
    assertThat(off.redis().tls()).isFalse();
    assertThat(local.redis().tls()).isFalse();
  }

  @Test
  void acceptsTheSpecAsAJsonString() {
    ParsedSpec parsed = SpecParser.parse(TextNode.valueOf("{\"app\": \"synckairos\", \"environment\": \"qa\"}"));

    assertThat(parsed.valid()).isTrue();
    assertThat(parsed.spec().name()).isEqualTo("synckairos-qa");
  }

  @Test
  void listsEveryProblemByFieldInDocumentOrder() throws Exception {
    JsonNode json = JSON.readTree("""
        {"app": "Sync Kairos", "environment": "", "tier": "prod",
         "redis": {"provider": "upstsh", "evictionPolcy": "x"},
         "postgres": {"version": "fifteen"},
         "approval": {"timeout": "72 hours"}}""");

    List<FieldError> errors = SpecParser.parse(json).errors();

    assertThat(errors).extracting(FieldError::field).containsSubsequence(
        "app", "environment", "tier", "redis.provider", "redis.evictionPolcy", "postgres.version", "approval.timeout");
    assertThat(errors.toString())
        .contains("redis.provider: unknown provider \"upstsh\"; expected one of upstash, redis-cloud, fly-upstash, local")
        .contains("redis.evictionPolcy: unknown field");
  }

  @Test
  void productionNeedsAnApproverOtherThanTheRequester() throws Exception {
    JsonNode none = JSON.readTree("{\"app\": \"a\", \"environment\": \"prod\", \"tier\": \"production\"}");
    JsonNode onlyRequester = JSON.readTree("""
        {"app": "a", "environment": "prod", "tier": "production", "requestedBy": "dev@example.com",
         "approval": {"approvers": ["dev@example.com"]}}""");
    JsonNode fine = JSON.readTree("""
        {"app": "a", "environment": "prod", "tier": "production", "requestedBy": "dev@example.com",
         "approval": {"approvers": ["ana@example.com"]}}""");

    assertThat(SpecParser.parse(none).errors()).extracting(FieldError::field).anyMatch(f -> f.startsWith("approval"));
    assertThat(SpecParser.parse(onlyRequester).errors()).extracting(FieldError::field).anyMatch(f -> f.startsWith("approval"));
    assertThat(SpecParser.parse(fine).valid()).isTrue();
    assertThat(SpecParser.parse(fine).spec().requiresApproval()).isTrue();
  }

  @Test
  void refusesWhatIsNotAnObject() throws Exception {
    assertThat(SpecParser.parse(JSON.readTree("[1, 2]")).valid()).isFalse();
    assertThat(SpecParser.parse(TextNode.valueOf("{not json")).valid()).isFalse();
    assertThat(SpecParser.parse(null).valid()).isFalse();
  }

  @Test
  void givesANeonSpecTheBranchItNames() throws Exception {
    EnvironmentSpec spec = parse("""
        {"app": "synckairos", "environment": "staging", "region": "us-east-2",
         "postgres": {"provider": "neon", "branch": "staging"}}""").spec();

    assertThat(spec.postgres().branch()).isEqualTo("staging");
    assertThat(spec.postgres().provider()).isEqualTo("neon");
  }

  @Test
  void leavesTheBranchEmptyWhenTheSpecNamesNone() throws Exception {
    assertThat(parse(DESIGN_SPEC).spec().postgres().branch()).isNull();
    assertThat(parse("{\"app\": \"a\", \"environment\": \"b\"}").spec().postgres().branch()).isNull();
  }

  @Test
  void refusesABranchForEveryProviderButNeon() throws Exception {
    for (String provider : List.of("supabase", "fly-postgres", "local")) {
      List<FieldError> errors = parse("{\"app\": \"a\", \"environment\": \"b\", \"postgres\": {\"provider\": \""
          + provider + "\", \"branch\": \"staging\"}}").errors();

      assertThat(errors).singleElement().satisfies(error -> {
        assertThat(error.field()).isEqualTo("postgres.branch");
        assertThat(error.message()).contains("only the neon provider has branches", provider);
      });
    }
  }

  @Test
  void refusesABranchNameThatIsNotDnsSafeOrIsTheDefaultBranch() throws Exception {
    List<FieldError> notDnsSafe = parse("""
        {"app": "a", "environment": "b", "postgres": {"provider": "neon", "branch": "Staging_1"}}""").errors();
    List<FieldError> main = parse("""
        {"app": "a", "environment": "b", "postgres": {"provider": "neon", "branch": "main"}}""").errors();

    assertThat(notDnsSafe).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("postgres.branch");
      assertThat(error.message()).contains("not DNS-safe");
    });
    assertThat(main).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("postgres.branch");
      assertThat(error.message()).contains("default branch");
    });
  }

  @Test
  void aBranchOnARefusedProviderReportsOnlyTheProvider() throws Exception {
    List<FieldError> errors = parse("""
        {"app": "a", "environment": "b", "postgres": {"provider": "neom", "branch": "staging"}}""").errors();

    assertThat(errors).extracting(FieldError::field).containsExactly("postgres.provider");
  }

  @Test
  void refusesClassicFlyPostgresSayingWhyAndWhatToUseInstead() throws Exception {
    for (String provider : List.of("fly", "fly-classic")) {
      List<FieldError> errors = parse("{\"app\": \"a\", \"environment\": \"b\", \"postgres\": {\"provider\": \""
          + provider + "\"}}").errors();

      assertThat(errors).singleElement().satisfies(error -> {
        assertThat(error.field()).isEqualTo("postgres.provider");
        assertThat(error.message()).contains("classic Fly Postgres", "no API", "use provider fly-postgres", "supabase",
            "neon");
      });
    }
  }

  @Test
  void refusesAClassicPlanForFlyPostgres() throws Exception {
    List<FieldError> errors = parse("""
        {"app": "a", "environment": "b", "postgres": {"provider": "fly-postgres", "plan": "legacy"}}""").errors();

    assertThat(errors).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("postgres.plan");
      assertThat(error.message()).contains("classic Fly Postgres", "no API", "fly-postgres (Fly Managed Postgres, beta)");
    });
  }

  @Test
  void givesFlyPostgresItsSmallestPlanByDefaultAndRefusesPlansItDoesNotHave() throws Exception {
    EnvironmentSpec byDefault = parse("""
        {"app": "a", "environment": "b", "postgres": {"provider": "fly-postgres"}}""").spec();
    EnvironmentSpec launch = parse("""
        {"app": "a", "environment": "b", "postgres": {"plan": "launch", "provider": "fly-postgres"}}""").spec();
    List<FieldError> free = parse("""
        {"app": "a", "environment": "b", "postgres": {"provider": "fly-postgres", "plan": "free"}}""").errors();

    assertThat(byDefault.postgres().plan()).isEqualTo("basic");
    assertThat(launch.postgres().plan()).isEqualTo("launch");
    assertThat(free).singleElement().hasToString(
        "postgres.plan: unknown Fly Managed Postgres plan \"free\"; expected one of basic, launch, scale");
  }

  @Test
  void aSpecWithABranchSurvivesJsonAndOneWithoutReadsOldJson() throws Exception {
    EnvironmentSpec spec = parse("""
        {"app": "synckairos", "environment": "staging", "postgres": {"provider": "neon", "branch": "staging"}}""").spec();
    String oldJson = JSON.writeValueAsString(parse(DESIGN_SPEC).spec()).replace(",\"branch\":null", "");

    assertThat(JSON.readValue(JSON.writeValueAsString(spec), EnvironmentSpec.class)).isEqualTo(spec);
    assertThat(oldJson).doesNotContain("branch");
    assertThat(JSON.readValue(oldJson, EnvironmentSpec.class).postgres().branch()).isNull();
  }

  private static ParsedSpec parse(String json) throws Exception {
    return SpecParser.parse(JSON.readTree(json));
  }
  @Test
  void readsTheRolloutFields() throws Exception {
    EnvironmentSpec spec = SpecParser.parse(JSON.readTree("""
        {"app": "synckairos", "environment": "staging",
         "paas": {"provider": "fly", "image": "registry.fly.io/synckairos:1.4.2", "secrets": ["JWT_SECRET", "LOG_LEVEL"]},
         "smoke": {"baseUrl": "https://synckairos-staging.fly.dev", "suite": "basic",
                   "load": {"path": "/health", "rate": 20, "duration": "PT30S", "p95Ms": 200, "errorRate": 0.01}}}""")).spec();

    assertThat(spec.paas()).isEqualTo(new PaasSpec("fly", "synckairos-staging", "registry.fly.io/synckairos:1.4.2", null,
        List.of("JWT_SECRET", "LOG_LEVEL")));
    assertThat(spec.smoke().suite()).isEqualTo("basic");
    assertThat(spec.smoke().load()).isEqualTo(new LoadSpec("/health", 20, "PT30S", 200, 0.01));
  }

  @Test
  void theLoadStepAndTheSuiteHaveTheSeedsDefaults() throws Exception {
    EnvironmentSpec spec = SpecParser.parse(JSON.readTree("""
        {"app": "synckairos", "environment": "staging",
         "smoke": {"baseUrl": "https://synckairos-staging.fly.dev", "load": {"rate": 5}}}""")).spec();

    assertThat(spec.smoke().suite()).isEqualTo("synckairos");
    assertThat(spec.smoke().load()).isEqualTo(new LoadSpec("/health", 5, "PT30S", 200, 0.01));
    assertThat(spec.paas().secrets()).isEmpty();
  }

  @Test
  void refusesBadRolloutFieldsByPath() throws Exception {
    JsonNode json = JSON.readTree("""
        {"app": "a", "environment": "b",
         "paas": {"provider": "fly", "secrets": ["JWT_SECRET", "REDIS_URL", "postgres://u:p@h/db", "JWT_SECRET"]},
         "smoke": {"suite": "full", "load": {"path": "health", "rate": 5000, "duration": "PT1H", "p95Ms": 0,
                   "errorRate": 1.5, "users": 3}}}""");

    List<String> errors = SpecParser.parse(json).errors().stream().map(FieldError::toString).toList();

    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("paas.secrets[1]: REDIS_URL is set by envflow"))
        .anySatisfy(e -> assertThat(e).startsWith("paas.secrets[2]: ").contains("never its value"))
        .anySatisfy(e -> assertThat(e).isEqualTo("paas.secrets[3]: JWT_SECRET is listed twice"))
        .anySatisfy(e -> assertThat(e).startsWith("smoke.suite: unknown suite \"full\"; expected one of synckairos, basic"))
        .anySatisfy(e -> assertThat(e).startsWith("smoke.load.path: \"health\" is not a path"))
        .anySatisfy(e -> assertThat(e).startsWith("smoke.load.rate: 5000 requests per second"))
        .anySatisfy(e -> assertThat(e).startsWith("smoke.load.duration: \"PT1H\" is longer"))
        .anySatisfy(e -> assertThat(e).startsWith("smoke.load.p95Ms: must be positive"))
        .anySatisfy(e -> assertThat(e).startsWith("smoke.load.errorRate: must be a fraction"))
        .anySatisfy(e -> assertThat(e).isEqualTo("smoke.load.users: unknown field"))
        .anySatisfy(e -> assertThat(e).startsWith("paas.image: required when paas.provider is fly"))
        .anySatisfy(e -> assertThat(e).isEqualTo("smoke.load: needs smoke.baseUrl, where the load is sent"));
  }

  @Test
  void aSpecWithRolloutFieldsSurvivesAJsonRoundTrip() throws Exception {
    EnvironmentSpec spec = SpecParser.parse(JSON.readTree("""
        {"app": "synckairos", "environment": "staging",
         "paas": {"provider": "fly", "image": "registry.fly.io/synckairos:1.4.2", "secrets": ["JWT_SECRET"]},
         "smoke": {"baseUrl": "https://synckairos-staging.fly.dev", "load": {}}}""")).spec();

    EnvironmentSpec read = JSON.readValue(JSON.writeValueAsString(spec), EnvironmentSpec.class);
    EnvironmentSpec older = JSON.readValue("{\"app\":\"a\",\"environment\":\"b\",\"paas\":{\"provider\":\"local\"},"
        + "\"smoke\":{\"baseUrl\":null,\"suite\":\"synckairos\"},\"approval\":{\"required\":false}}", EnvironmentSpec.class);

    assertThat(read).isEqualTo(spec);
    assertThat(older.paas().secrets()).isEmpty();
    assertThat(older.smoke().load()).isNull();
  }

  @Test
  void everyExampleSpecIsValid() throws Exception {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("..", "examples"))) {
      List<java.nio.file.Path> examples = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertThat(examples).extracting(f -> f.getFileName().toString()).contains("synckairos-production-fly.json");
      for (java.nio.file.Path example : examples) {
        assertThat(SpecParser.parse(JSON.readTree(example.toFile())).errors()).as(example.toString()).isEmpty();
      }
    }
  }

  @Test
  void noMetricsCheckUnlessAskedAndAnEmptyOneChecksActiveSessionsForFiveMinutes() throws Exception {
    EnvironmentSpec none = SpecParser.parse(JSON.readTree("{\"app\": \"sync-kairos\", \"environment\": \"dev\"}")).spec();
    EnvironmentSpec empty = SpecParser.parse(JSON.readTree(
        "{\"app\": \"sync-kairos\", \"environment\": \"dev\", \"monitoring\": {\"metricsCheck\": {}}}")).spec();

    assertThat(none.monitoring().metricsCheck()).isNull();
    assertThat(empty.monitoring().metricsCheck()).isEqualTo(new MetricsCheckSpec("sync_kairos_active_sessions", "PT5M"));
  }

  @Test
  void readsTheMetricsCheckOfTheIssue() throws Exception {
    EnvironmentSpec spec = SpecParser.parse(JSON.readTree("""
        {"app": "synckairos", "environment": "staging",
         "monitoring": {"provider": "grafana", "metricPrefix": "sk",
                        "metricsCheck": {"metric": "sk_http_requests_total", "timeout": "PT10M"}}}""")).spec();

    assertThat(spec.monitoring().metricsCheck()).isEqualTo(new MetricsCheckSpec("sk_http_requests_total", "PT10M"));
  }

  @Test
  void refusesABadMetricsCheckByField() throws Exception {
    List<FieldError> errors = SpecParser.parse(JSON.readTree("""
        {"app": "synckairos", "environment": "staging",
         "monitoring": {"provider": "grafana",
                        "metricsCheck": {"metric": "up{job=\\"x\\"}", "timeout": "5 minutes", "every": "PT1M"}}}""")).errors();

    assertThat(errors).extracting(FieldError::field).containsExactly(
        "monitoring.metricsCheck.metric", "monitoring.metricsCheck.timeout", "monitoring.metricsCheck.every");
  }

  @Test
  void aDottedMetricIsADatadogNameOnly() throws Exception {
    String dotted = """
        {"app": "synckairos", "environment": "staging",
         "monitoring": {"provider": "%s", "metricsCheck": {"metric": "synckairos.active_sessions"}}}""";

    assertThat(SpecParser.parse(JSON.readTree(dotted.formatted("datadog"))).errors()).isEmpty();
    assertThat(SpecParser.parse(JSON.readTree(dotted.formatted("grafana"))).errors()).singleElement()
        .satisfies(error -> assertThat(error.toString()).contains("monitoring.metricsCheck.metric", "only Datadog"));
  }

  @Test
  void readsTheApprovalPolicyAndRefusesAQuorumTheApproversCannotReach() throws Exception {
    EnvironmentSpec spec = parse("""
        {"app": "a", "environment": "b", "tier": "production", "requestedBy": "dev@example.com",
         "approval": {"approvers": ["ana@example.com", "ops@example.com"], "quorum": 2, "timeout": "PT8H",
                      "remindBefore": "PT1H"}}""").spec();
    List<FieldError> tooMany = parse("""
        {"app": "a", "environment": "b", "tier": "production", "requestedBy": "dev@example.com",
         "approval": {"approvers": ["ana@example.com", "dev@example.com"], "quorum": 2}}""").errors();
    List<FieldError> lateReminder = parse("""
        {"app": "a", "environment": "b", "approval": {"timeout": "PT1H", "remindBefore": "PT2H"}}""").errors();

    assertThat(spec.approval().quorum()).isEqualTo(2);
    assertThat(spec.approval().reminderLead()).isEqualTo(java.time.Duration.ofHours(1));
    assertThat(parse(DESIGN_SPEC).spec().approval().reminderLead()).isEqualTo(java.time.Duration.ofHours(18));
    assertThat(tooMany).extracting(FieldError::field).containsExactly("approval.quorum");
    assertThat(tooMany.get(0).message()).contains("needs 2 distinct approvers but only 1");
    assertThat(lateReminder).extracting(FieldError::field).containsExactly("approval.remindBefore");
  }
}
