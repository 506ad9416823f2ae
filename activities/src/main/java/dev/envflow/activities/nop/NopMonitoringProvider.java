package dev.envflow.activities.nop;

import dev.envflow.activities.monitoring.MonitoringProvider;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.NopSpec;

/**
 * The nop monitoring: contact points, dashboards and alert rules recorded in the {@link NopLedger}, and a metrics
 * check that finds its sample once {@code nop.latency} has passed.
 */
final class NopMonitoringProvider implements MonitoringProvider {

  private final NopCalls calls;
  private final NopLedger ledger;

  NopMonitoringProvider(NopCalls calls, NopLedger ledger) {
    this.calls = calls;
    this.ledger = ledger;
  }

  @Override
  public String name() {
    return NopSpec.PROVIDER;
  }

  @Override
  public Resource createContactPoints(EnvironmentSpec spec) {
    return create(spec, ResourceKind.CONTACT_POINTS);
  }

  @Override
  public Resource createDashboards(EnvironmentSpec spec) {
    return create(spec, ResourceKind.DASHBOARDS);
  }

  @Override
  public Resource createAlertRules(EnvironmentSpec spec) {
    return create(spec, ResourceKind.ALERT_RULES);
  }

  @Override
  public void delete(Resource resource) {
    ResourceKind kind = resource.resourceKind();
    calls.call(NopLocation.options(resource), step(kind) + ".delete", () -> ledger.delete(kind, resource.name()));
  }

  @Override
  public Readiness metricsFlowing(EnvironmentSpec spec, long waitingSinceMillis) {
    return calls.look(spec.nopOrDefault(), "metrics", "nop metric " + spec.monitoring().metricsCheck().metric(),
        waitingSinceMillis);
  }

  private Resource create(EnvironmentSpec spec, ResourceKind kind) {
    NopSpec options = spec.nopOrDefault();
    String name = spec.name();
    return calls.call(options, step(kind), () -> {
      ledger.create(kind, name);
      return new Resource(kind.name(), NopSpec.PROVIDER, name, name, NopLocation.of(step(kind), name, options));
    });
  }

  /** The step that creates a kind, as the status shows it: {@code monitoring.dashboards}. */
  private static String step(ResourceKind kind) {
    return switch (kind) {
      case CONTACT_POINTS -> "monitoring.contact-points";
      case DASHBOARDS -> "monitoring.dashboards";
      case ALERT_RULES -> "monitoring.alerts";
      default -> throw new IllegalArgumentException(kind + " is not a monitoring resource");
    };
  }
}
