package dev.envflow.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.envflow.activities.inventory.EnvironmentRecord;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.worker.config.EnvflowProperties;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.StepState;
import dev.envflow.workflows.model.StepStatus;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provisioning whose workflow is too busy to answer within {@link EnvironmentService#QUERY_PATIENCE} is answered
 * from the inventory — with the steps of the workflow's last answer, when this process has one.
 */
class BusyStatusTest {

  private static final String ID = "env-synckairos-busy";
  private static final List<StepStatus> STEPS = List.of(
      new StepStatus("redis.create", StepState.DONE, 1L, 20L, "synckairos-busy at redis://127.0.0.1:6379", null),
      new StepStatus("postgres.migrate", StepState.RUNNING, 30L, null, null, null));
  private static final Resource REDIS = new Resource("REDIS_USER", "local", "synckairos-busy", "synckairos-busy",
      "redis://127.0.0.1:6379");

  private final WorkflowClient client = mock(WorkflowClient.class);
  private final Inventory inventory = mock(Inventory.class);
  private final ProvisionEnvironmentWorkflow workflow = mock(ProvisionEnvironmentWorkflow.class);
  private final AtomicInteger queries = new AtomicInteger();
  private final EnvironmentService service = new EnvironmentService(client, inventory,
      new EnvflowProperties("envflow", null, null, null, null, null));

  @AfterEach
  void stop() {
    service.stopQueries();
  }

  @Test
  void aBusyWorkflowIsShownWithTheStepsOfItsLastAnswer() {
    when(client.newWorkflowStub(ProvisionEnvironmentWorkflow.class, ID)).thenReturn(workflow);
    when(workflow.status()).thenAnswer(invocation -> {
      if (queries.incrementAndGet() > 1) {
        Thread.sleep(EnvironmentService.QUERY_PATIENCE.multipliedBy(3).toMillis());
      }
      return new EnvironmentStatus(ID, Phase.PROVISIONING, STEPS, List.of(REDIS), null, List.of());
    });
    when(inventory.findEnvironment(ID)).thenReturn(Optional.of(new EnvironmentRecord(ID, "synckairos", "busy",
        "non-production", Phase.PROVISIONING, "dev@example.com", Instant.now(), Instant.now())));
    when(inventory.liveResources(ID)).thenReturn(List.of(REDIS));

    EnvironmentStatus answered = service.status(ID);
    EnvironmentStatus busy = service.status(ID);

    assertThat(answered.steps()).isEqualTo(STEPS);
    assertThat(answered.errors()).isEmpty();
    assertThat(busy.phase()).isEqualTo(Phase.PROVISIONING);
    assertThat(busy.resources()).containsExactly(REDIS);
    assertThat(busy.steps()).as("the steps of the workflow's last answer").isEqualTo(STEPS);
    assertThat(busy.errors()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .matches("steps and approval as the workflow answered \\d+ s ago .*phase and resources are the inventory's");
  }

  @Test
  void withoutAnEarlierAnswerTheBusyStatusSaysTheStepsWereNotRead() {
    when(client.newWorkflowStub(ProvisionEnvironmentWorkflow.class, ID)).thenReturn(workflow);
    when(workflow.status()).thenAnswer(invocation -> {
      Thread.sleep(EnvironmentService.QUERY_PATIENCE.multipliedBy(3).toMillis());
      return new EnvironmentStatus(ID, Phase.PROVISIONING, STEPS, List.of(REDIS), null, List.of());
    });
    when(inventory.findEnvironment(ID)).thenReturn(Optional.of(new EnvironmentRecord(ID, "synckairos", "busy",
        "non-production", Phase.PROVISIONING, "dev@example.com", Instant.now(), Instant.now())));
    when(inventory.liveResources(ID)).thenReturn(List.of(REDIS));

    EnvironmentStatus busy = service.status(ID);

    assertThat(busy.steps()).isEmpty();
    assertThat(busy.errors()).containsExactly(EnvironmentService.WORKFLOW_BUSY);
  }
}
