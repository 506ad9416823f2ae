package dev.envflow.activities.nop;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.monitoring.MonitoringProvider;
import dev.envflow.activities.paas.PaasProvider;
import dev.envflow.activities.postgres.PostgresProvider;
import dev.envflow.activities.redis.RedisProvider;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.spec.NopSpec;
import java.util.List;

/**
 * The {@code nop} provider of every kind — a testing tool that creates nothing outside envflow — served only by a
 * worker whose {@value #VARIABLE} is {@code true}; preflight refuses it elsewhere, naming the variable.
 */
public final class NopProviders {

  public static final String VARIABLE = "ENVFLOW_NOP_PROVIDER";
  public static final List<String> KINDS = List.of("redis", "postgres", "monitoring", "paas");

  private final List<RedisProvider> redis;
  private final List<PostgresProvider> postgres;
  private final List<MonitoringProvider> monitoring;
  private final List<PaasProvider> paas;

  private NopProviders(boolean enabled, NopCalls calls, NopLedger ledger, SecretStore secrets,
      ProviderVariables variables) {
    this.redis = enabled ? List.of(new NopRedisProvider(calls, ledger, secrets)) : List.of();
    this.postgres = enabled ? List.of(new NopPostgresProvider(calls, ledger, secrets)) : List.of();
    this.monitoring = enabled ? List.of(new NopMonitoringProvider(calls, ledger)) : List.of();
    this.paas = enabled ? List.of(new NopPaasProvider(calls, ledger, secrets, variables)) : List.of();
  }

  /** The nop providers when {@value #VARIABLE} is {@code true}, else none; what they "create" goes to {@code ledger}. */
  public static NopProviders configured(ProviderVariables variables, SecretStore secrets, NopLedger ledger) {
    return new NopProviders(enabled(variables), NopCalls.of(ledger), ledger, secrets, variables);
  }

  public static boolean enabled(ProviderVariables variables) {
    return variables.get(VARIABLE).map("true"::equalsIgnoreCase).orElse(false);
  }

  /** One entry per kind: available with {@value #VARIABLE}=true, else refused with how to enable it. */
  public static List<ProviderAvailability> availability(ProviderVariables variables) {
    boolean enabled = enabled(variables);
    return KINDS.stream().map(kind -> enabled ? ProviderAvailability.ready(kind, NopSpec.PROVIDER)
        : ProviderAvailability.refused(kind, NopSpec.PROVIDER, "a testing tool that creates nothing; set " + VARIABLE
            + "=true on the worker to serve it")).toList();
  }

  public List<RedisProvider> redis() {
    return redis;
  }

  public List<PostgresProvider> postgres() {
    return postgres;
  }

  public List<MonitoringProvider> monitoring() {
    return monitoring;
  }

  public List<PaasProvider> paas() {
    return paas;
  }
}
