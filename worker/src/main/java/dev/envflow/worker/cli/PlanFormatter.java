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
      out.printf("  %-18s %-10s %s%n", resource.path("kind").asText(), resource.path("provider").asText(), resource.path("name").asText());
    }
    out.println("approval required: " + plan.path("approvalRequired").asBoolean());
    out.printf("estimated monthly cost: $%d%n", plan.path("monthlyCostUsd").asInt());
  }
}
