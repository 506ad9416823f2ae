package dev.envflow.activities.paas;

import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.List;
import java.util.Set;

/**
 * One PaaS an application can run on ({@code local}, {@code fly}); see {@code PaasActivities} for what each
 * operation promises. Secret values come from the worker's secret store and variables and never leave the
 * provider: results and failures name keys only.
 */
public interface PaasProvider {

  /** The spec's provider name, e.g. {@code fly}. */
  String name();

  Resource setSecrets(EnvironmentSpec spec, List<Resource> sources);

  /** Returns what could not be undone, in words; empty when everything was. */
  List<String> deleteSecrets(Resource secrets);

  DeployReport deploy(EnvironmentSpec spec, Resource secrets);

  DeployReport rollbackDeploy(EnvironmentSpec spec, Resource secrets);

  /** What the orphan sweep may ask this provider; by default it cannot list what it holds, and the sweep says so. */
  default OrphanFinder orphanFinder() {
    return OrphanFinder.unsupported(name(), Set.of(ResourceKind.SECRETS),
        "the " + name() + " PaaS provider cannot list what it holds");
  }
}
