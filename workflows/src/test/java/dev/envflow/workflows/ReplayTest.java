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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

  /** Every history ever recorded, one per workflow version ({@code -v1} before the readiness step, ...). */
  static Stream<String> recordedHistories() throws Exception {
    try (Stream<Path> files = Files.list(HISTORIES)) {
      List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
      assertThat(names).as("recorded histories").hasSizeGreaterThanOrEqualTo(4);
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("recordedHistories")
  void everyRecordedHistoryReplays(String file) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(file), ProvisionEnvironmentWorkflowImpl.class);
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
  void sinceFewerRoundTripsPreflightAndNotificationsAreLocalActivities() throws Exception {
    WorkflowExecutionHistory v7 = history("provision-happy-path-v7.json");

    List<String> activities = v7.getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()).toList();
    List<String> markers = v7.getEvents().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .flatMap(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().values().stream())
        .flatMap(payloads -> payloads.getPayloadsList().stream())
        .map(payload -> payload.getData().toStringUtf8()).toList();
    assertThat(activities).contains("CreateDatabase", "Deploy").doesNotContain("CheckProviders", "SendNotification");
    assertThat(markers).anySatisfy(m -> assertThat(m).contains("CheckProviders"))
        .anySatisfy(m -> assertThat(m).contains("SendNotification"))
        .anySatisfy(m -> assertThat(m).contains("fewer-round-trips"));
  }

  @Test
  void aChangeThatReordersActivitiesIsCaughtAsNonDeterministic() throws Exception {
    Throwable thrown = catchThrowable(() ->
        WorkflowReplayer.replayWorkflowExecution(history("provision-happy-path-v1.json"), ReorderedWorkflow.class));

    assertThat(thrown).isNotNull();
    assertThat(thrown.toString() + thrown.getCause()).containsIgnoringCase("nondetermin");
  }

  /** {@code -Denvflow.recordHistories=v3} records the current workflow's histories with that version suffix. */
  @Test
  void recordHistoriesWhenAsked() throws Exception {
    String version = System.getProperty("envflow.recordHistories");
    if (version == null || version.isBlank()) {
      return;
    }
    try (WorkflowTestHarness harness = new WorkflowTestHarness()) {
      harness.newWorkflow().provision(WorkflowTestHarness.spec());
      write(harness, "provision-happy-path-" + version + ".json");
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
      write(harness, "provision-approved-" + version + ".json");
    }
    try (WorkflowTestHarness harness = new WorkflowTestHarness()) {
      org.mockito.Mockito.when(harness.smoke.runSmokeTests(org.mockito.ArgumentMatchers.any())).thenThrow(
          io.temporal.failure.ApplicationFailure.newNonRetryableFailure("smoke test failed: GET /ready: 503",
              dev.envflow.workflows.model.FailureType.SMOKE_TEST_FAILED.name()));
      ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
      WorkflowClient.start(workflow::provision, WorkflowTestHarness.flyProductionSpec());
      while (workflow.status().phase() != Phase.AWAITING_APPROVAL) {
        harness.env.sleep(Duration.ofSeconds(1));
      }
      workflow.decide(new DecisionRequest("approve", "ana@example.com", "staging green"));
      assertThat(catchThrowable(() -> WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class))).isNotNull();
      write(harness, "provision-smoke-failed-" + version + ".json");
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
    public void priorApproval(Decision decision) {}

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
