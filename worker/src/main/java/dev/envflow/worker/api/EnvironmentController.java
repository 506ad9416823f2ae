package dev.envflow.worker.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.inventory.EnvironmentRecord;
import dev.envflow.worker.security.CurrentUser;
import dev.envflow.workflows.model.Decision;
import dev.envflow.workflows.model.DecisionRequest;
import dev.envflow.workflows.model.EnvironmentStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The REST API: start, plan, follow, approve, reject, list and tear down environments. */
@RestController
@RequestMapping("/api/environments")
public class EnvironmentController {

  private final EnvironmentService environments;

  public EnvironmentController(EnvironmentService environments) {
    this.environments = environments;
  }

  @PostMapping
  public ResponseEntity<?> provision(@RequestBody JsonNode spec, @RequestParam(defaultValue = "false") boolean dryRun,
      HttpServletRequest request) {
    if (dryRun) {
      return ResponseEntity.ok(environments.plan(spec));
    }
    String id = environments.provision(spec, CurrentUser.of(request).name());
    return ResponseEntity.accepted()
        .location(URI.create("/api/environments/" + id))
        .body(Map.of("id", id, "message", "provisioning of " + id + " started"));
  }

  @GetMapping
  public Map<String, List<EnvironmentRecord>> list() {
    return Map.of("environments", environments.list());
  }

  @GetMapping("/{id}")
  public EnvironmentStatus status(@PathVariable String id) {
    return environments.status(id);
  }

  @GetMapping("/{id}/audit")
  public List<Map<String, Object>> audit(@PathVariable String id) {
    return environments.audit(id);
  }

  @PostMapping("/{id}/approve")
  public Map<String, String> approve(@PathVariable String id, @RequestBody(required = false) Decision decision,
      HttpServletRequest request) {
    return decide(id, DecisionRequest.APPROVE, decision, request);
  }

  @PostMapping("/{id}/reject")
  public Map<String, String> reject(@PathVariable String id, @RequestBody(required = false) Decision decision,
      HttpServletRequest request) {
    return decide(id, DecisionRequest.REJECT, decision, request);
  }

  /** The decider is the authenticated user; a body naming someone else is refused. */
  private Map<String, String> decide(String id, String action, Decision decision, HttpServletRequest request) {
    String user = CurrentUser.of(request).name();
    String by = decision == null || decision.by() == null || decision.by().isBlank() ? user : decision.by();
    if (!by.equals(user)) {
      throw new ApiException(403, "you are authenticated as " + user + " and may not decide as " + by);
    }
    String answer = environments.decide(id, new DecisionRequest(action, user, decision == null ? null : decision.reason()));
    return Map.of("id", id, "message", answer);
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Map<String, String>> teardown(@PathVariable String id, HttpServletRequest request) {
    return ResponseEntity.accepted().body(Map.of("id", id,
        "message", environments.teardown(id, CurrentUser.of(request).name())));
  }
}
