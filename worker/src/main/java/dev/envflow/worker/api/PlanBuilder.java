package dev.envflow.worker.api;

import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.LoadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the dry-run plan of a valid spec. Monthly prices are the seed runbook's estimates for each
 * provider's plan; local providers cost nothing.
 */
public final class PlanBuilder {

  private static final Map<String, Integer> MONTHLY_USD = Map.ofEntries(
      Map.entry("upstash/free", 0), Map.entry("upstash/pay-as-you-go", 10),
      Map.entry("fly-upstash/free", 0), Map.entry("redis-cloud/256mb-ha", 20), Map.entry("redis-cloud/1gb-ha", 40),
      Map.entry("supabase/free", 0), Map.entry("supabase/pro", 25), Map.entry("neon/free", 0), Map.entry("neon/pro", 30),
      Map.entry("grafana/free", 0), Map.entry("grafana/pro", 50), Map.entry("datadog/pro", 75));

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
        resource(ResourceKind.REDIS_USER, spec.redis().provider(), spec, spec.redis().plan()),
        resource(ResourceKind.POSTGRES_DATABASE, spec.postgres().provider(), spec, spec.postgres().plan()),
        resource(ResourceKind.CONTACT_POINTS, spec.monitoring().provider(), spec, null),
        resource(ResourceKind.DASHBOARDS, spec.monitoring().provider(), spec, null),
        resource(ResourceKind.ALERT_RULES, spec.monitoring().provider(), spec, null),
        resource(ResourceKind.SECRETS, spec.paas().provider(), spec, null));
    int total = resources.stream().mapToInt(EnvironmentPlan.PlannedResource::monthlyCostUsd).sum();
    return new EnvironmentPlan(spec.id(), steps, resources, spec.requiresApproval(), total);
  }

  private static EnvironmentPlan.PlannedResource resource(ResourceKind kind, String provider, EnvironmentSpec spec, String plan) {
    int cost = plan == null || "local".equals(provider) ? 0 : MONTHLY_USD.getOrDefault(provider + "/" + plan, 0);
    return new EnvironmentPlan.PlannedResource(kind.name(), provider, spec.name(), plan, cost);
  }
}
