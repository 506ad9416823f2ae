package dev.envflow.workflows;

import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.TeardownRequest;
import dev.envflow.workflows.model.TeardownResult;
import java.util.ArrayList;
import java.util.List;

/** Deletes the live resources the inventory lists for an environment, newest first. */
public class TeardownEnvironmentWorkflowImpl implements TeardownEnvironmentWorkflow {

  private final ProvisioningStubs stubs = new ProvisioningStubs();
  private final ResourceDeleter deleter = new ResourceDeleter(stubs, stubs.inventory);

  @Override
  public TeardownResult teardown(TeardownRequest request) {
    String id = request.environmentId();
    stubs.inventory.recordPhase(id, Phase.TEARING_DOWN);
    List<Resource> deleted = new ArrayList<>();
    for (Resource resource : stubs.inventory.liveResources(id)) {
      deleter.delete(id, resource);
      deleted.add(resource);
    }
    stubs.inventory.recordPhase(id, Phase.TORN_DOWN);
    stubs.inventory.recordAudit(id, "torn_down", request.requestedBy(), request.reason());
    return new TeardownResult(id, deleted);
  }
}
