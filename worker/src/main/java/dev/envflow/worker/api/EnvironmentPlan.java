package dev.envflow.worker.api;

import java.util.List;

/** What provisioning a spec would do: the answer of a dry run. Nothing in it is created. */
public record EnvironmentPlan(
    String id, List<String> steps, List<PlannedResource> resources, boolean approvalRequired, int monthlyCostUsd) {

  public record PlannedResource(String kind, String provider, String name, String plan, int monthlyCostUsd) {}
}
