package dev.envflow.activities.cloud;

import dev.envflow.workflows.model.FailureType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The providers of one kind this worker serves, by the spec's provider name. */
public final class ProviderRegistry<P> {

  private final String kind;
  private final Map<String, P> providers = new LinkedHashMap<>();

  public ProviderRegistry(String kind, List<P> providers, Function<P, String> name) {
    this.kind = kind;
    for (P provider : providers) {
      if (this.providers.putIfAbsent(name.apply(provider), provider) != null) {
        throw new IllegalArgumentException("two " + kind + " providers named " + name.apply(provider));
      }
    }
  }

  /** The provider named {@code name}; one this worker does not serve fails without retrying. */
  public P get(String name) {
    P provider = providers.get(name);
    if (provider == null) {
      throw ProviderFailures.nonRetryable(FailureType.INVALID_SPEC, kind + " provider " + name
          + " is not configured on this worker; it serves " + String.join(", ", providers.keySet()));
    }
    return provider;
  }

  /** Every provider, in the order they were given. */
  public Collection<P> all() {
    return providers.values();
  }

  public Set<String> names() {
    return providers.keySet();
  }
}
