package dev.envflow.activities.postgres.flypostgres;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.postgres.CloudPostgres;

/**
 * How the worker reaches Fly Managed Postgres through the Machines API (DESIGN.md, "Provider configuration").
 * {@link #toString()} never shows the token.
 *
 * @param apiUrl {@code ENVFLOW_FLY_API_URL}, by default {@code https://api.machines.dev}
 * @param token {@code FLY_API_TOKEN}
 * @param organization {@code FLY_ORG}, by default {@code personal}
 * @param sslMode {@code ENVFLOW_POSTGRES_SSLMODE}: the sslmode of envflow's own connections (migrations, checks)
 * @param login the user and database a cluster comes with (Fly's {@code fly-user} / {@code fly-db})
 */
public record FlyPostgresSettings(String apiUrl, String token, String organization, String sslMode,
    FlyPostgresLogin login) {

  public static final String PROVIDER = "fly-postgres";
  public static final String TOKEN = "FLY_API_TOKEN";
  public static final String ORGANIZATION = "FLY_ORG";
  public static final String DEFAULT_ORGANIZATION = "personal";
  public static final String API_URL = "ENVFLOW_FLY_API_URL";
  public static final String DEFAULT_API_URL = "https://api.machines.dev";
  /** Why there is no provider for classic Fly Postgres; listed by {@link #classicAvailability()}. */
  public static final String CLASSIC_REFUSED = "classic Fly Postgres (fly postgres create) has no API: flyctl builds it"
      + " client-side from an app, volumes and machines, and the result is an unmanaged app envflow could not create,"
      + " adopt or delete safely; use fly-postgres (Fly Managed Postgres, beta), supabase or neon";

  /** Available (beta) when the token is set ({@code FLY_ORG} defaults to {@code personal}); else refused, naming it. */
  public static ProviderAvailability availability(ProviderVariables variables) {
    return ProviderAvailability.needing("postgres", PROVIDER, variables.missing(TOKEN)).asBeta();
  }

  /** Classic Fly Postgres, listed as refused with the reason, so {@code GET /api/providers} says what to use. */
  public static ProviderAvailability classicAvailability() {
    return ProviderAvailability.refused("postgres", "fly", CLASSIC_REFUSED);
  }

  /** The settings from the worker's variables; {@link #availability} must have found them complete. */
  public static FlyPostgresSettings from(ProviderVariables variables) {
    return new FlyPostgresSettings(variables.getOrDefault(API_URL, DEFAULT_API_URL), variables.required(TOKEN),
        variables.getOrDefault(ORGANIZATION, DEFAULT_ORGANIZATION), CloudPostgres.sslMode(variables),
        FlyPostgresLogin.FLY);
  }

  /** The same settings with another login (tests point it at their own server's roles). */
  public FlyPostgresSettings withLogin(FlyPostgresLogin other) {
    return new FlyPostgresSettings(apiUrl, token, organization, sslMode, other);
  }

  @Override
  public String toString() {
    return "FlyPostgresSettings[apiUrl=" + apiUrl + ", token=***, organization=" + organization + ", sslMode="
        + sslMode + ", login=" + login + "]";
  }
}
