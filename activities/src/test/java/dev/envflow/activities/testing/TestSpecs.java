package dev.envflow.activities.testing;

import dev.envflow.workflows.spec.ApprovalSpec;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.PostgresSpec;
import dev.envflow.workflows.spec.RedisSpec;
import java.util.List;
import java.util.UUID;

/** Specs for activity tests: local providers and a unique environment name per call, so tests never collide. */
public final class TestSpecs {

  public static final String SYNCKAIROS_MIGRATIONS = "classpath:migrations/synckairos";

  private TestSpecs() {}

  /** A local-provider spec for app {@code synckairos} and an environment named {@code {prefix}{random}}. */
  public static EnvironmentSpec uniqueLocalSpec(String environmentPrefix) {
    return uniqueSpec(environmentPrefix, "local", new RedisSpec("local", "free", "allkeys-lru", false));
  }

  /** Like {@link #uniqueLocalSpec} with the given region and Redis (e.g. a cloud provider's). */
  public static EnvironmentSpec uniqueSpec(String environmentPrefix, String region, RedisSpec redis) {
    String environment = environmentPrefix + UUID.randomUUID().toString().substring(0, 8);
    return new EnvironmentSpec("synckairos", environment, EnvironmentSpec.NON_PRODUCTION_TIER, region,
        "dev@example.com",
        redis,
        new PostgresSpec("local", "free", 15, "transaction", SYNCKAIROS_MIGRATIONS),
        null, null, null,
        new ApprovalSpec(false, List.of(), "PT72H"));
  }
}
