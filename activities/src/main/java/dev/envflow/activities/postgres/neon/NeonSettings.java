package dev.envflow.activities.postgres.neon;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.postgres.CloudPostgres;
import java.util.Optional;

/**
 * How the worker reaches the Neon API v2 (DESIGN.md, "Provider configuration"). {@link #toString()} never shows
 * the key.
 *
 * @param apiUrl {@code ENVFLOW_NEON_API_URL}, by default {@code https://console.neon.tech/api/v2}
 * @param apiKey {@code NEON_API_KEY}, sent as Bearer
 * @param organization {@code NEON_ORG_ID}: the organization projects are created and searched in; a personal key
 *     needs it for organization projects, an organization key implies it
 * @param sslMode {@code ENVFLOW_POSTGRES_SSLMODE}: the sslmode of envflow's own connections (migrations, checks)
 */
public record NeonSettings(String apiUrl, String apiKey, Optional<String> organization, String sslMode) {

  public static final String PROVIDER = "neon";
  public static final String API_KEY = "NEON_API_KEY";
  public static final String ORGANIZATION = "NEON_ORG_ID";
  public static final String API_URL = "ENVFLOW_NEON_API_URL";
  public static final String DEFAULT_API_URL = "https://console.neon.tech/api/v2";

  /** Available when the key is set ({@code NEON_ORG_ID} is optional); else refused, naming it. */
  public static ProviderAvailability availability(ProviderVariables variables) {
    return ProviderAvailability.needing("postgres", PROVIDER, variables.missing(API_KEY));
  }

  /** The settings from the worker's variables; {@link #availability} must have found them complete. */
  public static NeonSettings from(ProviderVariables variables) {
    return new NeonSettings(variables.getOrDefault(API_URL, DEFAULT_API_URL), variables.required(API_KEY),
        variables.get(ORGANIZATION), CloudPostgres.sslMode(variables));
  }

  @Override
  public String toString() {
    return "NeonSettings[apiUrl=" + apiUrl + ", apiKey=***, organization=" + organization.orElse("(none)")
        + ", sslMode=" + sslMode + "]";
  }
}
