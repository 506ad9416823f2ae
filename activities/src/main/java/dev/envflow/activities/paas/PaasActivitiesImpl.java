package dev.envflow.activities.paas;

import dev.envflow.activities.cloud.ProviderRegistry;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.activities.PaasActivities;
import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.List;

/** The PaaS activities: each call goes to the provider the spec (or the resource) names. */
public final class PaasActivitiesImpl implements PaasActivities {

  private final ProviderRegistry<PaasProvider> providers;

  public PaasActivitiesImpl(List<PaasProvider> providers) {
    this.providers = new ProviderRegistry<>("paas", providers, PaasProvider::name);
  }

  @Override
  public Resource setSecrets(EnvironmentSpec spec, List<Resource> sources) {
    return providers.get(spec.paas().provider()).setSecrets(spec, sources);
  }

  @Override
  public List<String> deleteSecrets(Resource secrets) {
    return providers.get(secrets.provider()).deleteSecrets(secrets);
  }

  @Override
  public DeployReport deploy(EnvironmentSpec spec, Resource secrets) {
    return providers.get(spec.paas().provider()).deploy(spec, secrets);
  }

  @Override
  public DeployReport rollbackDeploy(EnvironmentSpec spec, Resource secrets) {
    return providers.get(spec.paas().provider()).rollbackDeploy(spec, secrets);
  }

  /** What the orphan sweep may ask each of these providers. */
  public List<OrphanFinder> orphanFinders() {
    return providers.all().stream().map(PaasProvider::orphanFinder).toList();
  }
}
