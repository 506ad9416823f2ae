package dev.envflow.activities.postgres.flypostgres;

/**
 * The {@code Authorization} header for a Fly token, as fly-go's {@code AuthorizationHeader} builds it: macaroon
 * tokens ({@code fm1r_...}, {@code fm2_...}, also comma-separated bundles of them) go as {@code FlyV1}, others as
 * {@code Bearer}. A token pasted with its {@code FlyV1 } scheme (as {@code fly tokens create} prints it) is
 * sent as it is.
 */
final class FlyAuthorization {

  private static final String FLY_V1 = "FlyV1 ";

  private FlyAuthorization() {}

  static String header(String token) {
    if (token.startsWith(FLY_V1)) {
      return token;
    }
    for (String part : token.split(",")) {
      String trimmed = part.trim();
      if (trimmed.startsWith("fm1r_") || trimmed.startsWith("fm2_")) {
        return FLY_V1 + token;
      }
    }
    return "Bearer " + token;
  }
}
