package dev.envflow.worker.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.inventory.AuditEntry;
import dev.envflow.activities.inventory.EnvironmentRecord;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.worker.api.ApiException;
import dev.envflow.worker.api.EnvironmentService;
import dev.envflow.workflows.model.Decision;
import dev.envflow.workflows.model.Phase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With the embedded Temporal server, workflows live in memory and die with envflow. On start, every environment
 * the inventory shows mid-way (provisioning, waiting for approval, deploying, rolling back, tearing down) has
 * no workflow any more: it is resumed by starting its workflow again from the stored spec — create-or-adopt
 * makes that safe — and the audit log says so. Approvals the lost run was given are handed to the new one, so a
 * rollout already approved is not asked for again (the stored spec is the one that was approved: a changed
 * spec is a new request, and approvals before it do not count). A real Temporal cluster keeps its workflows, so nothing is done
 * there.
 */
@Component
@ConditionalOnProperty(name = "spring.temporal.connection.target", havingValue = "in-process")
public class InterruptedEnvironments {

  static final String REASON = "envflow restarted and its embedded Temporal server had lost the workflow";
  private static final Logger log = LoggerFactory.getLogger(InterruptedEnvironments.class);

  private final Inventory inventory;
  private final EnvironmentService environments;
  private final ObjectMapper json = new ObjectMapper();

  public InterruptedEnvironments(Inventory inventory, EnvironmentService environments) {
    this.inventory = inventory;
    this.environments = environments;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void resumeAll() {
    for (String id : resume()) {
      log.warn("resumed {}: {}", id, REASON);
    }
  }

  /**
   * The approvals the lost run was given: audit entries {@code approval} (one approver of a quorum) and
   * {@code approved} (the approvers that made the quorum) after the environment's last request.
   */
  public List<Decision> approvalsGiven(String environmentId) {
    List<AuditEntry> audit = inventory.auditLog(environmentId);
    int lastRequest = -1;
    for (int i = 0; i < audit.size(); i++) {
      if (audit.get(i).action().equals("requested")) {
        lastRequest = i;
      }
    }
    Set<String> approvers = new LinkedHashSet<>();
    String reason = null;
    for (AuditEntry entry : audit.subList(lastRequest + 1, audit.size())) {
      if (entry.action().equals("approval") || entry.action().equals("approved")) {
        approvers.addAll(List.of(entry.actor().split(",\\s*")));
        reason = entry.action().equals("approved") ? entry.reason() : reason;
      }
    }
    String why = reason;
    return approvers.stream().map(by -> new Decision(by, why)).toList();
  }

  /** Resumes what was interrupted; answers the ids resumed. */
  public List<String> resume() {
    List<String> resumed = new ArrayList<>();
    for (EnvironmentRecord environment : inventory.listEnvironments()) {
      if (environment.phase().isFinal() || environments.hasRunningWorkflow(environment.id())) {
        continue;
      }
      try {
        if (environment.phase() == Phase.TEARING_DOWN) {
          environments.teardown(environment.id(), "envflow");
        } else {
          JsonNode spec = json.valueToTree(inventory.findSpec(environment.id()).orElseThrow());
          environments.resume(spec, approvalsGiven(environment.id()));
        }
        inventory.recordAudit(environment.id(), "resumed", "envflow",
            REASON + " while " + environment.phase().name().toLowerCase().replace('_', ' '));
        resumed.add(environment.id());
      } catch (ApiException | IllegalStateException e) {
        log.warn("could not resume {} ({}): {}; tear it down with `envflow teardown {}`", environment.id(),
            environment.phase(), e.getMessage(), environment.id());
      }
    }
    return resumed;
  }
}
