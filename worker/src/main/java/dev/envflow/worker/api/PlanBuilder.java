package dev.envflow.worker.api;

import dev.envflow.activities.postgres.PostgresPlans;
import dev.envflow.activities.redis.RedisPlans;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.LoadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Builds the dry-run plan of a valid spec. Monthly prices are the seed runbook's estimates ("Cost Summary") for
 * each provider's plan, from the providers' own plan tables ({@link RedisPlans}, {@link PostgresPlans}); local
 * providers cost nothing; a plan the table does not price is said to be unknown, never counted as free.
 */
public final class PlanBuilder {

  /** The seed's monitoring estimates: Grafana Cloud's free tier, and Datadog for a few hosts. */
  private static final Map<String, Integer> MONITORING_MONTHLY_USD = Map.of("local", 0, "grafana", 0, "datadog", 75);

  private PlanBuilder() {}

  public static EnvironmentPlan plan(EnvironmentSpec spec) {
    List<String> steps = new ArrayList<>(List.of(
        "validate spec", "preflight: providers available",
        "in parallel: redis create → validate | postgres create → migrate (" + spec.postgres().migrations() + ") → validate"
            + " | monitoring contact points → dashboards → alert rules"));
    if (spec.requiresApproval()) {
      steps.add("approval by one of " + spec.approval().approvers() + " (timeout " + spec.approval().timeout()
          + ", then rollback); nothing touches the PaaS before it");
    }
    List<String> keys = new ArrayList<>(List.of("REDIS_URL", "DATABASE_URL"));
    keys.addAll(spec.paas().secrets());
    steps.add("secrets: " + String.join(", ", keys) + " → " + spec.paas().provider() + " app " + spec.paas().app());
    if ("fly".equals(spec.paas().provider())) {
      steps.add("deploy: " + spec.paas().image() + " to every machine of fly app " + spec.paas().app() + ", one at a time");
    } else {
      steps.add(spec.paas().deployCommand() == null ? "deploy: no deploy command configured" : "deploy");
    }
    steps.add(spec.smoke().baseUrl() == null ? "smoke tests: skipped (no smoke.baseUrl)"
        : "smoke tests (" + spec.smoke().suite() + ") against " + spec.smoke().baseUrl());
    LoadSpec load = spec.smoke().load();
    if (load != null && spec.smoke().baseUrl() != null) {
      steps.add("load: GET " + load.path() + " at " + load.rate() + "/s for " + load.duration() + ", p95 at most "
          + load.p95Ms() + " ms, errors at most " + load.errorRate() * 100 + "%");
    }
    steps.add(spec.monitoring().metricsCheck() == null ? "metrics check: skipped (no monitoring.metricsCheck)"
        : "metrics flowing: a sample of " + spec.monitoring().metricsCheck().metric() + " in " + spec.monitoring().provider()
            + " within " + spec.monitoring().metricsCheck().timeout() + ", else rollback");
    List<EnvironmentPlan.PlannedResource> resources = List.of(
        resource(ResourceKind.REDIS_USER, spec.redis().provider(), spec, spec.redis().plan(),
            RedisPlans.monthlyUsd(spec.redis().provider(), spec.redis().plan())),
        resource(ResourceKind.POSTGRES_DATABASE, spec.postgres().provider(), spec, spec.postgres().plan(),
            PostgresPlans.monthlyUsd(spec.postgres())),
        resource(ResourceKind.CONTACT_POINTS, spec.monitoring().provider(), spec, null, OptionalInt.of(0)),
        resource(ResourceKind.DASHBOARDS, spec.monitoring().provider(), spec, null, monitoringCost(spec)),
        resource(ResourceKind.ALERT_RULES, spec.monitoring().provider(), spec, null, OptionalInt.of(0)),
        resource(ResourceKind.SECRETS, spec.paas().provider(), spec, null, OptionalInt.of(0)));
    int total = resources.stream().map(EnvironmentPlan.PlannedResource::monthlyCostUsd).filter(java.util.Objects::nonNull)
        .mapToInt(Integer::intValue).sum();
    List<String> unpriced = resources.stream().filter(r -> r.monthlyCostUsd() == null)
        .map(r -> r.provider() + " plan " + r.plan()).toList();
    return new EnvironmentPlan(spec.id(), steps, resources, spec.requiresApproval(), total, unpriced);
  }

  /** The monitoring account's estimate, counted once (on the dashboards). */
  private static OptionalInt monitoringCost(EnvironmentSpec spec) {
    Integer cost = MONITORING_MONTHLY_USD.get(spec.monitoring().provider());
    return cost == null ? OptionalInt.empty() : OptionalInt.of(cost);
  }

  private static EnvironmentPlan.PlannedResource resource(ResourceKind kind, String provider, EnvironmentSpec spec,
      String plan, OptionalInt cost) {
    return new EnvironmentPlan.PlannedResource(kind.name(), provider, spec.name(), plan,
        cost.isPresent() ? cost.getAsInt() : null);
  }
}
