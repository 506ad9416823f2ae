package dev.envflow.activities.preflight;

import dev.envflow.activities.cloud.ProviderAvailability;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every provider envflow knows, per resource kind ({@code redis}, {@code postgres}, {@code monitoring},
 * {@code paas}), with whether this worker can serve it and, if not, why.
 */
public record ProviderCatalog(List<ProviderAvailability> providers) {

  public static final String LOCAL = "local";
  /** Not a provider a spec names: whether the metrics check of local and grafana monitoring can run here. */
  public static final String METRICS_CHECK = "metrics-check";

  public ProviderCatalog {
    providers = List.copyOf(providers);
  }

  /** A worker with only the local providers. */
  public static ProviderCatalog localOnly() {
    return new ProviderCatalog(List.of(ProviderAvailability.ready("redis", LOCAL),
        ProviderAvailability.ready("postgres", LOCAL), ProviderAvailability.ready("monitoring", LOCAL),
        ProviderAvailability.ready("paas", LOCAL)));
  }

  public Optional<ProviderAvailability> find(String kind, String provider) {
    return providers.stream().filter(p -> p.kind().equals(kind) && p.provider().equals(provider)).findFirst();
  }

  /** The names this worker serves for {@code kind}, sorted. */
  public TreeSet<String> served(String kind) {
    TreeSet<String> served = new TreeSet<>();
    providers.stream().filter(p -> p.kind().equals(kind) && p.available() && !p.provider().equals(METRICS_CHECK))
        .forEach(p -> served.add(p.provider()));
    return served;
  }
}
