package dev.envflow.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code envflow sweep [--delete]} (admin): lists what each provider holds with envflow's mark and no live inventory
 * record, and live records whose resource is gone; with {@code --delete}, then deletes exactly the deletable orphans
 * it listed and marks the stale records it listed deleted.
 */
@Command(name = "sweep", description = "Lists resources envflow left behind and inventory records of resources that are"
    + " gone (admin); --delete then removes those orphans and marks those records deleted.")
final class SweepCommand implements Callable<Integer> {

  /** A sweep asks every provider, and a delete waits until each cloud resource is gone. */
  private static final Duration TIMEOUT = Duration.ofMinutes(15);

  @Mixin ClientCommands.Common common;

  @Option(names = "--delete", description = "after listing, delete the orphans marked DELETE=yes and mark the stale"
      + " records deleted in the inventory")
  boolean delete;

  @Override
  public Integer call() {
    return common.run(() -> {
      ApiClient api = common.client();
      ApiClient.Answer listing = api.get("/api/orphans", TIMEOUT);
      if (!listing.ok()) {
        return common.refused(listing);
      }
      PrintWriter out = common.out();
      JsonNode report = listing.body();
      printListing(report, out);
      long deletable = deletable(report.path("orphans"));
      int stale = report.path("staleRecords").size();
      if (!delete) {
        if (deletable + stale > 0) {
          out.println();
          out.println("envflow sweep --delete would delete " + deletable + " orphan(s) and mark " + stale
              + " stale record(s) deleted");
        }
        return ExitCodes.OK;
      }
      if (deletable + stale == 0) {
        out.println();
        out.println("nothing to delete");
        return ExitCodes.OK;
      }
      ObjectNode confirmed = api.json().createObjectNode();
      confirmed.set("orphans", report.path("orphans"));
      confirmed.set("staleRecords", report.path("staleRecords"));
      ApiClient.Answer answer = api.post("/api/orphans/delete", api.json().writeValueAsString(confirmed), TIMEOUT);
      if (!answer.ok()) {
        return common.refused(answer);
      }
      return printDeletion(answer.body(), out);
    });
  }

  private static void printListing(JsonNode report, PrintWriter out) {
    JsonNode orphans = report.path("orphans");
    out.println(orphans.isEmpty() ? "no orphans"
        : "ORPHANS: resources with envflow's mark and no live inventory record");
    if (!orphans.isEmpty()) {
      out.printf("%-18s %-12s %-32s %-40s %s%n", "KIND", "PROVIDER", "NAME", "ID", "DELETE");
      for (JsonNode orphan : orphans) {
        out.printf("%-18s %-12s %-32s %-40s %s%n", orphan.path("kind").asText(), orphan.path("provider").asText(),
            orphan.path("name").asText(), orphan.path("externalId").asText(),
            orphan.path("deletable").asBoolean() ? "yes" : "no");
        out.println("    " + orphan.path("why").asText());
      }
    }
    JsonNode stale = report.path("staleRecords");
    out.println();
    out.println(stale.isEmpty() ? "no stale records"
        : "STALE RECORDS: live in the inventory, gone from the provider (--delete marks them deleted)");
    if (!stale.isEmpty()) {
      out.printf("%-32s %-18s %-12s %s%n", "ENVIRONMENT", "KIND", "PROVIDER", "NAME");
      for (JsonNode record : stale) {
        out.printf("%-32s %-18s %-12s %s%n", record.path("environmentId").asText(), record.path("kind").asText(),
            record.path("provider").asText(), record.path("name").asText());
        out.println("    " + record.path("why").asText());
      }
    }
    printNotChecked(report.path("notChecked"), out);
  }

  private static void printNotChecked(JsonNode notChecked, PrintWriter out) {
    if (notChecked.isEmpty()) {
      return;
    }
    out.println();
    out.println("NOT CHECKED");
    for (JsonNode entry : notChecked) {
      out.println("  " + entry.path("provider").asText() + " (" + entry.path("kinds").asText() + "): "
          + entry.path("why").asText());
    }
  }

  private static int printDeletion(JsonNode deletion, PrintWriter out) {
    out.println();
    for (JsonNode orphan : deletion.path("deleted")) {
      out.println("deleted  " + describe(orphan));
    }
    for (JsonNode orphan : deletion.path("kept")) {
      out.println("kept     " + describe(orphan) + ": " + orphan.path("why").asText());
    }
    for (JsonNode orphan : deletion.path("failed")) {
      out.println("FAILED   " + describe(orphan) + ": " + orphan.path("why").asText());
    }
    for (JsonNode record : deletion.path("recordsMarkedDeleted")) {
      out.println("marked deleted in the inventory (the resource was already gone): " + record.path("environmentId")
          .asText() + " " + record.path("kind").asText() + " " + record.path("provider").asText() + " "
          + record.path("name").asText());
    }
    out.println(deletion.path("deleted").size() + " orphan(s) deleted, " + deletion.path("recordsMarkedDeleted").size()
        + " stale record(s) marked deleted" + (deletion.path("failed").isEmpty() ? ""
        : ", " + deletion.path("failed").size() + " delete(s) failed"));
    return deletion.path("failed").isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static String describe(JsonNode orphan) {
    return orphan.path("kind").asText() + " " + orphan.path("provider").asText() + " " + orphan.path("name").asText()
        + " (" + orphan.path("externalId").asText() + ")";
  }

  private static long deletable(JsonNode orphans) {
    long count = 0;
    for (JsonNode orphan : orphans) {
      if (orphan.path("deletable").asBoolean()) {
        count++;
      }
    }
    return count;
  }
}
