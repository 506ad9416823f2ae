package dev.envflow.activities.preflight;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.workflows.activities.PreflightActivities;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.NopSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks, before anything is created, that every provider a spec names is one this worker can serve, naming
 * the missing variables of those it cannot, and (given the worker's variables) that every extra secret key of
 * {@code paas.secrets} has a variable to take its value from.
 */
public class LocalPreflightActivities implements PreflightActivities {

  private final ProviderCatalog catalog;
  private final Optional<ProviderVariables> variables;

  public LocalPreflightActivities(ProviderCatalog catalog) {
    this.catalog = catalog;
    this.variables = Optional.empty();
  }

  public LocalPreflightActivities(ProviderCatalog catalog, ProviderVariables variables) {
    this.catalog = catalog;
    this.variables = Optional.of(variables);
  }

  @Override
  public List<String> checkProviders(EnvironmentSpec spec) {
    List<String> problems = new ArrayList<>();
    check(problems, "redis", spec.redis() == null ? null : spec.redis().provider());
    check(problems, "postgres", spec.postgres() == null ? null : spec.postgres().provider());
    check(problems, "monitoring", spec.monitoring() == null ? null : spec.monitoring().provider());
    check(problems, "paas", spec.paas() == null ? null : spec.paas().provider());
    checkMetricsCheck(problems, spec);
    if (spec.paas() != null && variables.isPresent()) {
      List<String> missing = variables.get().missing(spec.paas().secrets().toArray(String[]::new));
      if (!missing.isEmpty()) {
        problems.add("paas.secrets: this worker has no variable " + String.join(", ", missing)
            + " to take the value from (set it in the worker's environment or Spring config)");
      }
    }
    return problems;
  }

  /** The metrics check of local and grafana monitoring asks a Prometheus (datadog asks Datadog, nop nobody); refuse now what would fail after deploy. */
  private void checkMetricsCheck(List<String> problems, EnvironmentSpec spec) {
    if (spec.monitoring() == null || spec.monitoring().metricsCheck() == null
        || "datadog".equals(spec.monitoring().provider()) || NopSpec.PROVIDER.equals(spec.monitoring().provider())) {
      return;
    }
    catalog.find("monitoring", ProviderCatalog.METRICS_CHECK).filter(check -> !check.available()).ifPresent(check ->
        problems.add("monitoring.metricsCheck: this worker cannot query a Prometheus: " + check.reason()));
  }

  private void check(List<String> problems, String kind, String provider) {
    Optional<ProviderAvailability> known = provider == null ? Optional.empty() : catalog.find(kind, provider);
    if (known.isPresent() && known.get().available()) {
      return;
    }
    Set<String> served = catalog.served(kind);
    String what = provider == null ? "no provider given"
        : known.map(p -> provider + " is not available on this worker: " + p.reason())
            .orElse(provider + " is not configured on this worker");
    problems.add(kind + ".provider: " + what + "; this worker serves: "
        + (served.isEmpty() ? "none" : String.join(", ", served)));
  }
}
