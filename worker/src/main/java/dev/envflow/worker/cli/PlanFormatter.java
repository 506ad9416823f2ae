package dev.envflow.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Prints a dry-run plan: the steps, the resources with their names, and the monthly cost estimate. */
final class PlanFormatter {

  private PlanFormatter() {}

  static void print(JsonNode plan, PrintWriter out) {
    out.println("plan for " + plan.path("id").asText() + " (nothing was created)");
    out.println("steps:");
    for (JsonNode step : plan.path("steps")) {
      out.println("  " + step.asText());
    }
    out.println("resources:");
    for (JsonNode resource : plan.path("resources")) {
      JsonNode cost = resource.path("monthlyCostUsd");
      out.printf("  %-18s %-12s %-28s %s%n", resource.path("kind").asText(), resource.path("provider").asText(),
          resource.path("name").asText(), cost.isNull() || cost.isMissingNode() ? "price unknown" : "$" + cost.asInt() + "/month");
    }
    out.println("approval required: " + plan.path("approvalRequired").asBoolean());
    out.printf("estimated monthly cost: $%d%n", plan.path("monthlyCostUsd").asInt());
    if (plan.path("unpriced").size() > 0) {
      java.util.List<String> unpriced = new java.util.ArrayList<>();
      plan.path("unpriced").forEach(item -> unpriced.add(item.asText()));
      out.println("  not included (no price in the seed's table): " + String.join(", ", unpriced));
    }
  }
}
