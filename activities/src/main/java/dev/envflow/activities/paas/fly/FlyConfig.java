package dev.envflow.activities.paas.fly;

import dev.envflow.activities.cloud.ProviderVariables;

/**
 * How the worker reaches Fly (DESIGN.md, "Provider configuration"): {@code FLY_API_TOKEN}, {@code FLY_ORG}
 * (default {@code personal}) and {@code ENVFLOW_FLY_API_URL} (default {@code https://api.machines.dev}).
 * {@link #toString()} never shows the token.
 */
public record FlyConfig(String token, String org, String apiUrl) {

  public static final String TOKEN = "FLY_API_TOKEN";
  public static final String ORG = "FLY_ORG";
  public static final String API_URL = "ENVFLOW_FLY_API_URL";
  public static final String DEFAULT_ORG = "personal";
  public static final String DEFAULT_API_URL = "https://api.machines.dev";

  /** Reads the variables; {@code FLY_API_TOKEN} must be set (see {@code PaasProviders.availability}). */
  public static FlyConfig from(ProviderVariables variables) {
    return new FlyConfig(variables.required(TOKEN), variables.getOrDefault(ORG, DEFAULT_ORG),
        variables.getOrDefault(API_URL, DEFAULT_API_URL));
  }

  /**
   * The {@code Authorization} header as Fly's own client sends it: {@code FlyV1 …} for macaroon tokens (those
   * starting {@code fm1r_}, {@code fm1a_} or {@code fm2_}, alone or comma-separated, or already carrying the
   * {@code FlyV1} scheme), {@code Bearer …} for any other token.
   */
  public String authorization() {
    String trimmed = token.trim();
    if (trimmed.startsWith("FlyV1 ") || trimmed.startsWith("Bearer ")) {
      return trimmed;
    }
    for (String part : trimmed.split(",")) {
      String piece = part.trim();
      if (piece.startsWith("fm1r_") || piece.startsWith("fm1a_") || piece.startsWith("fm2_")) {
        return "FlyV1 " + trimmed;
      }
    }
    return "Bearer " + trimmed;
  }

  @Override
  public String toString() {
    return "FlyConfig[org=" + org + ", apiUrl=" + apiUrl + ", token=***]";
  }
}
