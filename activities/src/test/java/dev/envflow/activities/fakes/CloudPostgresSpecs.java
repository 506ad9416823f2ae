package dev.envflow.activities.fakes;

import dev.envflow.workflows.spec.ApprovalSpec;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.PostgresSpec;
import dev.envflow.workflows.spec.RedisSpec;
import java.util.List;
import java.util.UUID;

/** Specs asking a cloud PostgreSQL provider for the seed's synckairos database, one unique environment per call. */
public final class CloudPostgresSpecs {

  public static final String MIGRATIONS = "classpath:migrations/synckairos";

  private CloudPostgresSpecs() {}

  /** App {@code synckairos}, environment {@code {prefix}{random}}, region {@code us-west-1}, plan {@code free}. */
  public static EnvironmentSpec spec(String provider, String environmentPrefix) {
    return spec(provider, environmentPrefix, "us-west-1", "free", null);
  }

  public static EnvironmentSpec spec(String provider, String environmentPrefix, String region, String plan,
      String branch) {
    String environment = environmentPrefix + UUID.randomUUID().toString().substring(0, 8);
    return new EnvironmentSpec("synckairos", environment, EnvironmentSpec.NON_PRODUCTION_TIER, region,
        "dev@example.com",
        new RedisSpec("local", "free", "allkeys-lru", false),
        new PostgresSpec(provider, plan, 15, "transaction", MIGRATIONS, branch),
        null, null, null,
        new ApprovalSpec(false, List.of(), "PT72H"));
  }
}
