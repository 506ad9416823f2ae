package dev.envflow.activities.preflight;

import java.util.Set;

/** The provider names this worker can serve, per resource kind (e.g. {@code local}, {@code upstash}). */
public record ProviderCatalog(Set<String> redis, Set<String> postgres, Set<String> monitoring, Set<String> paas) {

  public ProviderCatalog {
    redis = Set.copyOf(redis);
    postgres = Set.copyOf(postgres);
    monitoring = Set.copyOf(monitoring);
    paas = Set.copyOf(paas);
  }

  /** A worker with only the local providers. */
  public static ProviderCatalog localOnly() {
    Set<String> local = Set.of("local");
    return new ProviderCatalog(local, local, local, local);
  }
}
