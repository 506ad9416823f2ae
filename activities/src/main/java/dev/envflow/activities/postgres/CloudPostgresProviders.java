package dev.envflow.activities.postgres;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.postgres.flypostgres.FlyPostgresProvider;
import dev.envflow.activities.postgres.flypostgres.FlyPostgresSettings;
import dev.envflow.activities.postgres.neon.NeonPostgresProvider;
import dev.envflow.activities.postgres.neon.NeonSettings;
import dev.envflow.activities.postgres.supabase.SupabasePostgresProvider;
import dev.envflow.activities.postgres.supabase.SupabaseSettings;
import dev.envflow.activities.secrets.SecretStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The cloud PostgreSQL providers this worker can serve, from its variables (DESIGN.md, "Provider
 * configuration"): {@code supabase}, {@code neon} and {@code fly-postgres} (Fly Managed Postgres, beta). Classic Fly
 * Postgres has no API and is listed as refused, with the reason.
 */
public final class CloudPostgresProviders {

  private CloudPostgresProviders() {}

  /** A provider for each cloud service whose credentials are set, in the order supabase, neon, fly-postgres. */
  public static List<PostgresProvider> configured(ProviderVariables variables, SecretStore secrets,
      ResourceOwnership ownership, ReadinessPolicy readiness) {
    List<PostgresProvider> providers = new ArrayList<>();
    if (SupabaseSettings.availability(variables).available()) {
      providers.add(new SupabasePostgresProvider(SupabaseSettings.from(variables), secrets, ownership, readiness));
    }
    if (NeonSettings.availability(variables).available()) {
      providers.add(new NeonPostgresProvider(NeonSettings.from(variables), secrets, ownership, readiness));
    }
    if (FlyPostgresSettings.availability(variables).available()) {
      providers.add(new FlyPostgresProvider(FlyPostgresSettings.from(variables), secrets, ownership, readiness));
    }
    return List.copyOf(providers);
  }

  /**
   * Whether each cloud PostgreSQL provider can be served, and if not why (the missing variables); plus classic
   * Fly Postgres ({@code fly}), always refused with the reason and what to use instead.
   */
  public static List<ProviderAvailability> availability(ProviderVariables variables) {
    return List.of(SupabaseSettings.availability(variables), NeonSettings.availability(variables),
        FlyPostgresSettings.availability(variables), FlyPostgresSettings.classicAvailability());
  }
}
