package dev.envflow.activities.redis.upstash;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.envflow.activities.cloud.CloudRegions;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.RedisSpec;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /v2/redis/database} ({@code CreateDatabaseRequest} of Upstash's OpenAPI), built from
 * the spec: region mapped to an Upstash primary region, TLS as the spec says (the spec parser turns it on for a
 * cloud Redis unless the spec turns it off), eviction on unless
 * the spec's policy is {@code noeviction} (Upstash has one eviction mode, its "optimistic-volatile" policy, so
 * {@code allkeys-lru} and the other policies all mean "eviction on").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UpstashCreateRequest(
    @JsonProperty("database_name") String databaseName,
    @JsonProperty("platform") String platform,
    @JsonProperty("primary_region") String primaryRegion,
    @JsonProperty("plan") String plan,
    @JsonProperty("eviction") boolean eviction,
    @JsonProperty("tls") boolean tls) {

  static final List<String> PLANS = List.of("free", "payg", "fixed_250mb", "fixed_1gb", "fixed_5gb", "fixed_10gb",
      "fixed_50gb", "fixed_100gb", "fixed_500gb");
  static final Set<String> AWS_REGIONS = Set.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
      "eu-central-1", "eu-west-1", "eu-west-2", "sa-east-1", "ap-south-1", "ap-northeast-1", "ap-southeast-1",
      "ap-southeast-2", "af-south-1");
  static final Set<String> GCP_REGIONS = Set.of("us-central1", "us-east4", "europe-west1", "asia-northeast1");
  private static final String NO_EVICTION = "noeviction";

  static UpstashCreateRequest from(EnvironmentSpec spec) {
    RedisSpec redis = spec.redis();
    String plan = redis.plan() == null || redis.plan().isBlank() ? "free" : redis.plan();
    if (!PLANS.contains(plan)) {
      throw ProviderFailures.nonRetryable(FailureType.INVALID_SPEC, UpstashProvider.NAME + ": plan " + plan
          + " is not an Upstash plan; use one of " + String.join(", ", PLANS));
    }
    boolean gcp = spec.region() != null && GCP_REGIONS.contains(spec.region());
    String region = gcp ? spec.region() : CloudRegions.aws(UpstashProvider.NAME, spec.region(), AWS_REGIONS);
    boolean eviction = redis.evictionPolicy() == null || !NO_EVICTION.equals(redis.evictionPolicy());
    return new UpstashCreateRequest(spec.name(), gcp ? "gcp" : "aws", region, plan, eviction, redis.tls());
  }
}
