package dev.envflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.workflows.model.Decision;
import dev.envflow.workflows.model.DecisionRequest;
import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import dev.envflow.workflows.activities.InventoryActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recorded histories must replay against the current workflow code. When the workflow changes on purpose,
 * guard the change with {@code Workflow.getVersion} and keep the old histories here, as the older code recorded
 * them. To record the current code's history, run with {@code -Denvflow.recordHistories=true} and commit the file
 * it writes; it never overwrites the older ones.
 *
 * <ul>
 *   <li>{@code provision-happy-path.json}, {@code provision-approved.json}: before the readiness step;
 *   <li>{@code provision-metrics-and-notifications.json}: an approved production run with readiness looks, the
 *       metrics check and the notifications.
 * </ul>
 */
class ReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");
  private static final String CURRENT = "provision-metrics-and-notifications.json";

  @Test
  void theRecordedHappyPathReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history("provision-happy-path.json"), ProvisionEnvironmentWorkflowImpl.class);
  }

  @Test
  void theRecordedApprovedProductionRunReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history("provision-approved.json"), ProvisionEnvironmentWorkflowImpl.class);
  }

  @Test
  void theRecordedRunWithMetricsCheckAndNotificationsReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(CURRENT), ProvisionEnvironmentWorkflowImpl.class);
  }

  @Test
  void theCurrentHistoryReallyHasTheMetricsCheckAndTheNotifications() throws Exception {
    WorkflowExecutionHistory current = history(CURRENT);

    List<String> activities = current.getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()).toList();
    List<String> versionMarkers = current.getEvents().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .flatMap(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().values().stream())
        .flatMap(payloads -> payloads.getPayloadsList().stream())
        .map(payload -> payload.getData().toStringUtf8()).toList();
    assertThat(activities).contains("MetricsFlowing", "SendNotification", "RedisReadiness");
    assertThat(activities.indexOf("MetricsFlowing")).isGreaterThan(activities.indexOf("Deploy"));
    assertThat(versionMarkers).anySatisfy(m -> assertThat(m).contains("metrics-check-and-notifications"));
  }

  @Test
  void aChangeThatReordersActivitiesIsCaughtAsNonDeterministic() throws Exception {
    Throwable thrown = catchThrowable(() ->
        WorkflowReplayer.replayWorkflowExecution(history("provision-happy-path.json"), ReorderedWorkflow.class));

    assertThat(thrown).isNotNull();
    assertThat(thrown.toString() + thrown.getCause()).containsIgnoringCase("nondetermin");
  }

  @Test
  void recordHistoriesWhenAsked() throws Exception {
    if (!Boolean.getBoolean("envflow.recordHistories")) {
      return;
    }
    try (WorkflowTestHarness harness = new WorkflowTestHarness()) {
      ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
      com.fasterxml.jackson.databind.node.ObjectNode spec = WorkflowTestHarness.productionSpec();
      spec.putObject("monitoring").putObject("metricsCheck");
      WorkflowClient.start(workflow::provision, spec);
      while (workflow.status().phase() != Phase.AWAITING_APPROVAL) {
        harness.env.sleep(Duration.ofSeconds(1));
      }
      workflow.decide(new DecisionRequest("approve", "ana@example.com", "staging green"));
      WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class);
      write(harness, CURRENT);
    }
  }

  private static void write(WorkflowTestHarness harness, String file) throws Exception {
    Files.createDirectories(HISTORIES);
    String json = harness.client().fetchHistory("env-" + WorkflowTestHarness.NAME).toJson(true);
    Files.writeString(HISTORIES.resolve(file), json, StandardCharsets.UTF_8);
  }

  private static WorkflowExecutionHistory history(String file) throws Exception {
    return WorkflowExecutionHistory.fromJson(Files.readString(HISTORIES.resolve(file), StandardCharsets.UTF_8));
  }

  /** A deliberately incompatible change: it records to the inventory before running the preflight check. */
  public static class ReorderedWorkflow implements ProvisionEnvironmentWorkflow {
    private final InventoryActivities inventory = Workflow.newActivityStub(InventoryActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(5)).build());

    @Override
    public ProvisionResult provision(JsonNode spec) {
      inventory.recordPhase("env-synckairos-test", Phase.PROVISIONING);
      return new ProvisionResult("env-synckairos-test", Phase.ACTIVE, List.of(), List.of());
    }

    @Override
    public void approve(Decision decision) {}

    @Override
    public void reject(Decision decision) {}

    @Override
    public String decide(DecisionRequest request) {
      return "";
    }

    @Override
    public void validateDecide(DecisionRequest request) {}

    @Override
    public EnvironmentStatus status() {
      return null;
    }
  }
}
