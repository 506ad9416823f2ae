package dev.envflow.activities.preflight;

import dev.envflow.workflows.activities.PreflightActivities;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks that every provider a spec names is one this worker is configured to serve. */
public class LocalPreflightActivities implements PreflightActivities {

  private final ProviderCatalog catalog;

  public LocalPreflightActivities(ProviderCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public List<String> checkProviders(EnvironmentSpec spec) {
    List<String> problems = new ArrayList<>();
    check(problems, "redis.provider", spec.redis() == null ? null : spec.redis().provider(), catalog.redis());
    check(problems, "postgres.provider", spec.postgres() == null ? null : spec.postgres().provider(),
        catalog.postgres());
    check(problems, "monitoring.provider", spec.monitoring() == null ? null : spec.monitoring().provider(),
        catalog.monitoring());
    check(problems, "paas.provider", spec.paas() == null ? null : spec.paas().provider(), catalog.paas());
    return problems;
  }

  private static void check(List<String> problems, String field, String provider, Set<String> served) {
    if (provider != null && served.contains(provider)) {
      return;
    }
    String servedList = served.isEmpty() ? "none" : String.join(", ", new TreeSet<>(served));
    String what = provider == null ? "no provider given" : provider + " is not configured on this worker";
    problems.add(field + ": " + what + "; this worker serves: " + servedList);
  }
}
