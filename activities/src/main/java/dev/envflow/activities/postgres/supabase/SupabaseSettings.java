package dev.envflow.activities.postgres.supabase;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.postgres.CloudPostgres;

/**
 * How the worker reaches the Supabase Management API (DESIGN.md, "Provider configuration"). {@link #toString()}
 * never shows the token.
 *
 * @param apiUrl {@code ENVFLOW_SUPABASE_API_URL}, by default {@code https://api.supabase.com}
 * @param accessToken {@code SUPABASE_ACCESS_TOKEN}, a personal access token ({@code sbp_...}) sent as Bearer
 * @param organization {@code SUPABASE_ORGANIZATION}, the slug of the organization projects are created in
 * @param sslMode {@code ENVFLOW_POSTGRES_SSLMODE}: the sslmode of envflow's own connections (migrations, checks)
 * @param direct the direct connection's port, user and database (Supabase's fixed 5432 / postgres / postgres)
 */
public record SupabaseSettings(String apiUrl, String accessToken, String organization, String sslMode,
    SupabaseDirectConnection direct) {

  public static final String PROVIDER = "supabase";
  public static final String ACCESS_TOKEN = "SUPABASE_ACCESS_TOKEN";
  public static final String ORGANIZATION = "SUPABASE_ORGANIZATION";
  public static final String API_URL = "ENVFLOW_SUPABASE_API_URL";
  public static final String DEFAULT_API_URL = "https://api.supabase.com";

  /** Available when both credentials are set; else refused, naming what is missing. */
  public static ProviderAvailability availability(ProviderVariables variables) {
    return ProviderAvailability.needing("postgres", PROVIDER, variables.missing(ACCESS_TOKEN, ORGANIZATION));
  }

  /** The settings from the worker's variables; {@link #availability} must have found them complete. */
  public static SupabaseSettings from(ProviderVariables variables) {
    return new SupabaseSettings(variables.getOrDefault(API_URL, DEFAULT_API_URL), variables.required(ACCESS_TOKEN),
        variables.required(ORGANIZATION), CloudPostgres.sslMode(variables), SupabaseDirectConnection.SUPABASE);
  }

  /** The same settings with another direct connection (tests point it at their own server). */
  public SupabaseSettings withDirect(SupabaseDirectConnection connection) {
    return new SupabaseSettings(apiUrl, accessToken, organization, sslMode, connection);
  }

  @Override
  public String toString() {
    return "SupabaseSettings[apiUrl=" + apiUrl + ", accessToken=***, organization=" + organization + ", sslMode="
        + sslMode + ", direct=" + direct + "]";
  }
}
