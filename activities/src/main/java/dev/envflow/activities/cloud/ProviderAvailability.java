package dev.envflow.activities.cloud;

import java.util.List;

/**
 * Whether this worker can serve a provider, and if not, why: which variables are missing, or why the
 * provider is refused outright. Listed by {@code GET /api/providers} and checked by preflight.
 *
 * @param kind {@code redis}, {@code postgres}, {@code monitoring} or {@code paas}
 * @param provider the spec's provider name
 * @param available true when a spec may name it
 * @param reason why not (empty when available), e.g. {@code missing UPSTASH_EMAIL, UPSTASH_API_KEY}
 * @param beta true for providers built on APIs their vendor marks beta
 */
public record ProviderAvailability(String kind, String provider, boolean available, String reason, boolean beta) {

  public static ProviderAvailability ready(String kind, String provider) {
    return new ProviderAvailability(kind, provider, true, "", false);
  }

  /** Available when no variable is missing; else refused, naming them. */
  public static ProviderAvailability needing(String kind, String provider, List<String> missing) {
    return missing.isEmpty()
        ? ready(kind, provider)
        : new ProviderAvailability(kind, provider, false, "missing " + String.join(", ", missing), false);
  }

  public static ProviderAvailability refused(String kind, String provider, String reason) {
    return new ProviderAvailability(kind, provider, false, reason, false);
  }

  public ProviderAvailability asBeta() {
    return new ProviderAvailability(kind, provider, available, reason, true);
  }
}
