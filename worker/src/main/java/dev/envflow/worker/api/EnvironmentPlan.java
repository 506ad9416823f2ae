package dev.envflow.worker.api;

import java.util.List;

/**
 * What provisioning a spec would do: the answer of a dry run. Nothing in it is created. {@code monthlyCostUsd} is
 * the sum of the priced resources; {@code unpriced} names the plans the estimate could not price.
 */
public record EnvironmentPlan(String id, List<String> steps, List<PlannedResource> resources, boolean approvalRequired,
    int monthlyCostUsd, List<String> unpriced) {

  /** {@code monthlyCostUsd} is null when the provider's plan is not in the price table. */
  public record PlannedResource(String kind, String provider, String name, String plan, Integer monthlyCostUsd) {}
}
