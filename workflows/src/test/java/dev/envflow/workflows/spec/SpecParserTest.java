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
}
