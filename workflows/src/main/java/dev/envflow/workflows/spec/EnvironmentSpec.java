package dev.envflow.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What a person asks envflow to build: one application environment. Every field but {@code app} and
 * {@code environment} has a default that gives the embedded local setup (see {@link SpecParser}).
 */
public record EnvironmentSpec(
    String app,
    String environment,
    String tier,
    String region,
    String requestedBy,
    RedisSpec redis,
    PostgresSpec postgres,
    MonitoringSpec monitoring,
    PaasSpec paas,
    SmokeSpec smoke,
    ApprovalSpec approval) {

  public static final String PRODUCTION_TIER = "production";
  public static final String NON_PRODUCTION_TIER = "non-production";

  /** The workflow id, {@code env-{app}-{environment}}: one running provisioning per environment. */
  @JsonIgnore
  public String id() {
    return "env-" + name();
  }

  /** The deterministic base name of every resource of this environment, {@code {app}-{environment}}. */
  @JsonIgnore
  public String name() {
    return app + "-" + environment;
  }

  @JsonIgnore
  public boolean requiresApproval() {
    return PRODUCTION_TIER.equals(tier) || approval.required();
  }
}
