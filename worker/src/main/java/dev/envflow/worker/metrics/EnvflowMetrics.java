package dev.envflow.worker.metrics;

import dev.envflow.activities.inventory.AuditEntry;
import dev.envflow.activities.inventory.EnvironmentRecord;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.workflows.model.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * envflow's own figures, next to the Temporal SDK's: environments by phase and approvals pending (read from the
 * inventory, at most every few seconds), provisioning time by tier and outcome, step time by step, provider and
 * outcome, compensations by kind and outcome, and every cloud provider call by provider and status.
 */
public class EnvflowMetrics {

  private static final Duration SNAPSHOT_AGE = Duration.ofSeconds(5);

  private final MeterRegistry registry;
  private final Inventory inventory;
  private volatile Map<Phase, Long> snapshot = new EnumMap<>(Phase.class);
  private volatile Instant snapshotAt = Instant.EPOCH;

  public EnvflowMetrics(MeterRegistry registry, Inventory inventory) {
    this.registry = registry;
    this.inventory = inventory;
    for (Phase phase : Phase.values()) {
      Gauge.builder("envflow.environments", () -> phaseCounts().getOrDefault(phase, 0L))
          .description("environments in envflow's inventory, by phase")
          .tag("phase", phase.name())
          .register(registry);
    }
    Gauge.builder("envflow.approvals.pending", () -> phaseCounts().getOrDefault(Phase.AWAITING_APPROVAL, 0L))
        .description("environments waiting for a human to approve")
        .register(registry);
  }

  void step(String step, String provider, String outcome, long nanos) {
    Timer.builder("envflow.step").description("one activity of a provisioning or teardown")
        .tags("step", step, "provider", provider, "outcome", outcome)
        .register(registry).record(Duration.ofNanos(nanos));
  }

  void compensation(String kind, String outcome) {
    Counter.builder("envflow.compensations").description("deletes run by rollback and teardown")
        .tags("kind", kind, "outcome", outcome).register(registry).increment();
  }

  /** An environment reached a final phase: its provisioning time counts from its last request. */
  void environmentEnded(String environmentId, Phase phase) {
    Optional<EnvironmentRecord> environment = inventory.findEnvironment(environmentId);
    List<AuditEntry> audit = inventory.auditLog(environmentId);
    Optional<Instant> requested = audit.stream().filter(e -> e.action().equals("requested") || e.action().equals("resumed"))
        .map(AuditEntry::at).reduce((first, second) -> second);
    if (environment.isEmpty() || requested.isEmpty()) {
      return;
    }
    Timer.builder("envflow.provisioning").description("from request to a final phase")
        .tags("tier", environment.get().tier(), "outcome", phase.name().toLowerCase())
        .register(registry).record(Duration.between(requested.get(), Instant.now()));
  }

  /** For {@code envflow.provider.requests}. */
  public void providerRequest(String provider, String method, String status, Duration duration) {
    Timer.builder("envflow.provider.requests").description("HTTP calls to cloud providers")
        .tags("provider", provider, "method", method, "status", status)
        .register(registry).record(duration);
  }

  private Map<Phase, Long> phaseCounts() {
    if (Duration.between(snapshotAt, Instant.now()).compareTo(SNAPSHOT_AGE) > 0) {
      Map<Phase, Long> counts = new EnumMap<>(Phase.class);
      try {
        inventory.listEnvironments().forEach(e -> counts.merge(e.phase(), 1L, Long::sum));
        snapshot = counts;
      } catch (RuntimeException inventoryDown) {
        // keep the last figures; the inventory's health shows on /actuator/health
      }
      snapshotAt = Instant.now();
    }
    return snapshot;
  }
}
