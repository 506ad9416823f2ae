package dev.envflow.activities.monitoring;

import dev.envflow.activities.cloud.ProviderRegistry;
import dev.envflow.activities.cloud.ShortReadinessWait;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.activities.MonitoringActivities;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.List;

/** The monitoring activities: each call goes to the provider the spec (or the resource) names. */
public final class MonitoringActivitiesImpl implements MonitoringActivities {

  private final ProviderRegistry<MonitoringProvider> providers;
  private final ShortReadinessWait shortWait;

  /** Each metrics check is one look. */
  public MonitoringActivitiesImpl(List<MonitoringProvider> providers) {
    this(providers, ShortReadinessWait.NONE);
  }

  public MonitoringActivitiesImpl(List<MonitoringProvider> providers, ShortReadinessWait shortWait) {
    this.providers = new ProviderRegistry<>("monitoring", providers, MonitoringProvider::name);
    this.shortWait = shortWait;
  }

  @Override
  public Resource createContactPoints(EnvironmentSpec spec) {
    return providers.get(spec.monitoring().provider()).createContactPoints(spec);
  }

  @Override
  public Resource createDashboards(EnvironmentSpec spec) {
    return providers.get(spec.monitoring().provider()).createDashboards(spec);
  }

  @Override
  public Resource createAlertRules(EnvironmentSpec spec) {
    return providers.get(spec.monitoring().provider()).createAlertRules(spec);
  }

  @Override
  public void deleteMonitoringResource(Resource resource) {
    providers.get(resource.provider()).delete(resource);
  }

  @Override
  public Readiness metricsFlowing(EnvironmentSpec spec, long waitingSinceMillis) {
    return shortWait.look(() -> providers.get(spec.monitoring().provider()).metricsFlowing(spec, waitingSinceMillis));
  }

  /** What the orphan sweep may ask each of these providers. */
  public List<OrphanFinder> orphanFinders() {
    return providers.all().stream().map(MonitoringProvider::orphanFinder).toList();
  }
}
