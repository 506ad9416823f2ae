package dev.envflow.worker.api;

import dev.envflow.activities.inventory.Inventory;
import org.springframework.stereotype.Component;

/** Audit entries the API writes itself (tokens, refused decisions); the workflows write their own. */
@Component
public class AuditTrail {

  private final Inventory inventory;

  public AuditTrail(Inventory inventory) {
    this.inventory = inventory;
  }

  public void record(String subject, String action, String actor, String reason) {
    inventory.recordAudit(subject, action, actor, reason);
  }
}
