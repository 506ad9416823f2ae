package dev.envflow.worker.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.sweep.Orphan;
import dev.envflow.activities.sweep.StaleRecord;
import dev.envflow.activities.sweep.SweepDeletion;
import dev.envflow.activities.sweep.SweepReport;
import dev.envflow.activities.sweep.Sweeper;
import dev.envflow.worker.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orphan sweep (admin only, see {@code ApiAccessPolicy}): {@code GET /api/orphans} lists, {@code POST
 * /api/orphans/delete} deletes the deletable orphans and marks stale records deleted, as the authenticated admin.
 * The delete's body may carry the {@code orphans} and {@code staleRecords} of a listing: then only those are touched.
 */
@RestController
@RequestMapping("/api/orphans")
public class OrphanController {

  private final Sweeper sweeper;
  private final EnvironmentService environments;

  public OrphanController(Sweeper sweeper, EnvironmentService environments) {
    this.sweeper = sweeper;
    this.environments = environments;
  }

  @GetMapping
  public SweepReport list() {
    return sweeper.sweep();
  }

  @PostMapping("/delete")
  public SweepDeletion delete(@RequestBody(required = false) JsonNode listing, HttpServletRequest request) {
    return sweeper.delete(CurrentUser.of(request).name(), environments::hasRunningWorkflow,
        confirmed(listing, "orphans", OrphanController::listedOrphan, OrphanController::orphanKey),
        confirmed(listing, "staleRecords", OrphanController::listedRecord, OrphanController::recordKey));
  }

  /** Everything when the body does not list {@code field}; else only what it lists. */
  private static <T> Predicate<T> confirmed(JsonNode listing, String field,
      Function<JsonNode, List<String>> keyOfJson, Function<T, List<String>> keyOf) {
    if (listing == null || !listing.path(field).isArray()) {
      return anything -> true;
    }
    Set<List<String>> keys = new HashSet<>();
    listing.path(field).forEach(entry -> keys.add(keyOfJson.apply(entry)));
    return item -> keys.contains(keyOf.apply(item));
  }

  private static List<String> listedOrphan(JsonNode json) {
    return List.of(json.path("kind").asText(), json.path("provider").asText(), json.path("name").asText(),
        json.path("externalId").asText());
  }

  private static List<String> orphanKey(Orphan orphan) {
    return List.of(orphan.kind(), orphan.provider(), orphan.name(), orphan.externalId());
  }

  private static List<String> listedRecord(JsonNode json) {
    return List.of(json.path("environmentId").asText(), json.path("kind").asText(), json.path("provider").asText(),
        json.path("name").asText());
  }

  private static List<String> recordKey(StaleRecord record) {
    return List.of(record.environmentId(), record.kind(), record.provider(), record.name());
  }
}
