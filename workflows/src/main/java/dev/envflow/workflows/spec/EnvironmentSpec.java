package dev.envflow.workflows.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a person asks envflow to build: one application environment. Every field but {@code app} and
 * {@code environment} has a default that gives the embedded local setup (see {@link SpecParser}). {@code nop} is
 * null unless the spec gives the {@code nop} provider's options (a testing tool, see {@link NopSpec}).
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
    ApprovalSpec approval,
    @JsonInclude(JsonInclude.Include.NON_NULL) NopSpec nop) {

  public static final String PRODUCTION_TIER = "production";
  public static final String NON_PRODUCTION_TIER = "non-production";

  @JsonCreator
  public EnvironmentSpec {}

  /** A spec without nop options. */
  public EnvironmentSpec(String app, String environment, String tier, String region, String requestedBy,
      RedisSpec redis, PostgresSpec postgres, MonitoringSpec monitoring, PaasSpec paas, SmokeSpec smoke,
      ApprovalSpec approval) {
    this(app, environment, tier, region, requestedBy, redis, postgres, monitoring, paas, smoke, approval, null);
  }

  /** The nop provider's options: those the spec gives, else {@link NopSpec#DEFAULT}. */
  @JsonIgnore
  public NopSpec nopOrDefault() {
    return nop == null ? NopSpec.DEFAULT : nop;
  }

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
