package dev.envflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.when;

import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.model.TeardownRequest;
import dev.envflow.workflows.model.TeardownResult;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class TeardownEnvironmentWorkflowTest {

  private final WorkflowTestHarness harness = new WorkflowTestHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void deletesTheLiveResourcesTheInventoryListsInItsOrderAndRecordsEachDeletion() {
    List<Resource> live = List.of(
        resource(ResourceKind.SECRETS), resource(ResourceKind.ALERT_RULES),
        resource(ResourceKind.POSTGRES_DATABASE), resource(ResourceKind.REDIS_USER));
    when(harness.inventory.liveResources("env-synckairos-test")).thenReturn(live);

    TeardownResult result = harness.client()
        .newWorkflowStub(TeardownEnvironmentWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId("teardown-env-synckairos-test").setTaskQueue(WorkflowTestHarness.TASK_QUEUE).build())
        .teardown(new TeardownRequest("env-synckairos-test", "ana@example.com", "project ended"));

    assertThat(result.deleted()).isEqualTo(live);
    assertThat(harness.deletes()).containsExactly("SECRETS", "ALERT_RULES", "POSTGRES_DATABASE", "REDIS_USER");
    InOrder order = inOrder(harness.inventory);
    order.verify(harness.inventory).recordPhase("env-synckairos-test", Phase.TEARING_DOWN);
    live.forEach(r -> order.verify(harness.inventory).recordResourceDeleted("env-synckairos-test", r));
    order.verify(harness.inventory).recordPhase("env-synckairos-test", Phase.TORN_DOWN);
    order.verify(harness.inventory).recordAudit("env-synckairos-test", "torn_down", "ana@example.com", "project ended");
  }

  private static Resource resource(ResourceKind kind) {
    return new Resource(kind.name(), "local", WorkflowTestHarness.NAME, WorkflowTestHarness.NAME, null);
  }
}
