package dev.envflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.workflows.model.Decision;
import dev.envflow.workflows.model.DecisionRequest;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.NotificationEvent;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import dev.envflow.workflows.model.StepState;
import dev.envflow.workflows.model.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProvisionEnvironmentWorkflowTest {

  private static final List<String> ALL_SIX =
      List.of("REDIS_USER", "POSTGRES_DATABASE", "CONTACT_POINTS", "DASHBOARDS", "ALERT_RULES", "SECRETS");
  private static final List<String> DATA_AND_MONITORING =
      List.of("REDIS_USER", "POSTGRES_DATABASE", "CONTACT_POINTS", "DASHBOARDS", "ALERT_RULES");

  private final WorkflowTestHarness harness = new WorkflowTestHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void provisionsANonProductionEnvironmentToActiveWithoutApproval() {
    ProvisionResult result = harness.newWorkflow().provision(WorkflowTestHarness.spec());

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(result.resources()).extracting(r -> r.kind()).containsExactlyInAnyOrderElementsOf(ALL_SIX);
    assertThat(harness.deletes()).isEmpty();
    verify(harness.inventory).recordPhase("env-synckairos-test", Phase.ACTIVE);
    verify(harness.inventory).recordAudit(eq("env-synckairos-test"), eq("requested"), eq("dev@example.com"), any());
    verify(harness.smoke, never()).runSmokeTests(any());
    verify(harness.notify, never()).notifyApprovers(any(), anyString());
  }

  @Test
  void recordsEachResourceInTheInventoryBeforeCreatingIt() {
    harness.newWorkflow().provision(WorkflowTestHarness.spec());

    org.mockito.InOrder order = org.mockito.Mockito.inOrder(harness.inventory, harness.postgres);
    order.verify(harness.inventory).recordResource(eq("env-synckairos-test"),
        org.mockito.ArgumentMatchers.argThat(r -> r.kind().equals("POSTGRES_DATABASE") && r.location() == null));
    order.verify(harness.postgres).createDatabase(any());
    order.verify(harness.inventory).recordResource(eq("env-synckairos-test"),
        org.mockito.ArgumentMatchers.argThat(r -> r.kind().equals("POSTGRES_DATABASE") && r.location() != null));
  }

  @Test
  void runsTheThreeBranchesConcurrently() {
    harness.newWorkflow().provision(WorkflowTestHarness.spec());

    // each branch starts before any branch's second step: the first create of every branch comes first
    assertThat(harness.calls.subList(0, 3))
        .containsExactlyInAnyOrder("create REDIS_USER", "create POSTGRES_DATABASE", "create CONTACT_POINTS");
  }

  @Test
  void statusShowsEveryStepDoneAndNoPassword() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    workflow.provision(WorkflowTestHarness.spec());

    List<StepStatus> steps = workflow.status().steps();
    assertThat(steps).extracting(StepStatus::name).containsExactlyElementsOf(Steps.ALL);
    assertThat(steps).filteredOn(s -> s.state() == StepState.DONE).hasSize(Steps.ALL.size() - 4);
    assertThat(steps).filteredOn(s -> s.state() == StepState.SKIPPED).extracting(StepStatus::name)
        .containsExactly(Steps.APPROVAL, Steps.SMOKE, Steps.LOAD, Steps.METRICS);
    assertThat(workflow.status().toString()).doesNotContainIgnoringCase("password");
  }

  @Test
  void refusesAnInvalidSpecAtOnceCreatingNothing() {
    ObjectNode spec = WorkflowTestHarness.spec();
    spec.put("app", "Not DNS Safe");
    spec.putObject("redis").put("provider", "upstsh");

    Throwable thrown = catchThrowable(() -> harness.newWorkflow().provision(spec));

    ApplicationFailure failure = applicationFailure(thrown);
    assertThat(failure.getType()).isEqualTo(FailureType.INVALID_SPEC.name());
    assertThat(failure.getOriginalMessage()).contains("app:", "redis.provider:", "nothing was created");
    verifyNoInteractions(harness.preflight, harness.inventory, harness.redis, harness.postgres, harness.monitoring, harness.paas);
  }

  @Test
  void refusesProvidersTheWorkerCannotServeBeforeCreatingAnything() {
    when(harness.preflight.checkProviders(any())).thenReturn(List.of("redis.provider: upstash is not configured on this worker"));

    Throwable thrown = catchThrowable(() -> harness.newWorkflow().provision(WorkflowTestHarness.spec()));

    assertThat(applicationFailure(thrown).getOriginalMessage()).contains("upstash is not configured");
    verifyNoInteractions(harness.inventory, harness.redis, harness.postgres, harness.monitoring, harness.paas);
  }

  static Stream<Arguments> failurePoints() {
    List<String> branches = List.of("REDIS_USER", "POSTGRES_DATABASE", "CONTACT_POINTS", "DASHBOARDS", "ALERT_RULES");
    return Stream.of(
        failAt("redis.create", h -> when(h.redis.createRedisUser(any())).thenThrow(boom()), branches),
        failAt("redis.ready", h -> when(h.redis.redisReadiness(any(), org.mockito.ArgumentMatchers.anyLong())).thenThrow(boom()), branches),
        failAt("postgres.ready", h -> when(h.postgres.postgresReadiness(any(), org.mockito.ArgumentMatchers.anyLong())).thenThrow(boom()), branches),
        failAt("redis.validate", h -> when(h.redis.validateRedis(any())).thenThrow(boom()), branches),
        failAt("postgres.create", h -> when(h.postgres.createDatabase(any())).thenThrow(boom()), branches),
        failAt("postgres.migrate", h -> when(h.postgres.migrateDatabase(any(), anyString())).thenThrow(boom()), branches),
        failAt("postgres.validate", h -> when(h.postgres.validateDatabase(any(), anyString())).thenThrow(boom()), branches),
        failAt("monitoring.contact-points", h -> when(h.monitoring.createContactPoints(any())).thenThrow(boom()),
            List.of("REDIS_USER", "POSTGRES_DATABASE", "CONTACT_POINTS")),
        failAt("monitoring.dashboards", h -> when(h.monitoring.createDashboards(any())).thenThrow(boom()),
            List.of("REDIS_USER", "POSTGRES_DATABASE", "CONTACT_POINTS", "DASHBOARDS")),
        failAt("monitoring.alerts", h -> when(h.monitoring.createAlertRules(any())).thenThrow(boom()), branches),
        failAt("secrets", h -> when(h.paas.setSecrets(any(), any())).thenThrow(boom()), ALL_SIX),
        failAt("deploy", h -> when(h.paas.deploy(any(), any())).thenThrow(boom()), ALL_SIX),
        failAt("smoke", h -> when(h.smoke.runSmokeTests(any())).thenThrow(boom()), ALL_SIX),
        failAt("load", h -> when(h.smoke.runLoadTest(any())).thenThrow(boom()), ALL_SIX),
        failAt("metrics", h -> when(h.monitoring.metricsFlowing(any(), org.mockito.ArgumentMatchers.anyLong())).thenThrow(boom()),
            ALL_SIX));
  }

  private static Arguments failAt(String step, Consumer<WorkflowTestHarness> inject, List<String> compensated) {
    return Arguments.of(step, inject, compensated);
  }

  private static ApplicationFailure boom() {
    return ApplicationFailure.newNonRetryableFailure("injected failure", FailureType.MIGRATION_FAILED.name());
  }

  @ParameterizedTest(name = "failure at {0}")
  @MethodSource("failurePoints")
  void compensatesExactlyWhatWasStartedNewestFirstWhenAStepFails(
      String step, Consumer<WorkflowTestHarness> inject, List<String> compensated) {
    inject.accept(harness);
    ObjectNode spec = WorkflowTestHarness.spec();
    spec.putObject("smoke").put("baseUrl", "http://localhost:1").putObject("load").put("rate", 5);
    spec.putObject("monitoring").putObject("metricsCheck");

    Throwable thrown = catchThrowable(() -> harness.newWorkflow().provision(spec));

    ApplicationFailure failure = applicationFailure(thrown);
    assertThat(failure.getOriginalMessage()).startsWith(step + " failed: injected failure").contains("rolled back");
    assertThat(harness.deletes()).containsExactlyInAnyOrderElementsOf(compensated);
    boolean deployStarted = List.of("deploy", "smoke", "load", "metrics").contains(step);
    assertThat(harness.calls.contains("undo DEPLOY")).as("the deploy is undone exactly when it was started")
        .isEqualTo(deployStarted);
    if (deployStarted) {
      assertThat(harness.calls.indexOf("undo DEPLOY")).as("the deploy is put back before its secrets are removed")
          .isLessThan(harness.calls.indexOf("delete SECRETS"));
    }
    assertNewestFirst();
    assertThat(harness.calls.subList(harness.calls.indexOf("delete " + harness.deletes().get(0)), harness.calls.size()))
        .as("nothing is created once the rollback has started").allMatch(c -> c.startsWith("delete "));
    verify(harness.inventory).recordPhase("env-synckairos-test", Phase.ROLLED_BACK);
  }

  @Test
  void aDeleteThatFailsPermanentlyEndsRollbackFailedNamingWhatAPersonMustRemove() {
    when(harness.postgres.migrateDatabase(any(), anyString())).thenThrow(boom());
    doThrow(ApplicationFailure.newNonRetryableFailure("redis: NOPERM", FailureType.BAD_CREDENTIALS.name()))
        .when(harness.redis).deleteRedisUser(any());

    Throwable thrown = catchThrowable(() -> harness.newWorkflow().provision(WorkflowTestHarness.spec()));

    String leftBehind = "could not roll back redis.create: redis: NOPERM; remove by hand: redis user synckairos-test on"
        + " local (somewhere/redis_user)";
    assertThat(applicationFailure(thrown).getOriginalMessage())
        .isEqualTo("postgres.migrate failed: injected failure; the rollback could not finish:\n" + leftBehind);
    var status = harness.client().newWorkflowStub(ProvisionEnvironmentWorkflow.class, "env-synckairos-test").status();
    assertThat(status.phase()).isEqualTo(Phase.ROLLBACK_FAILED);
    assertThat(status.errors()).contains(leftBehind);
    assertThat(harness.deletes()).contains("POSTGRES_DATABASE", "CONTACT_POINTS", "DASHBOARDS", "ALERT_RULES");
    verify(harness.inventory).recordPhase("env-synckairos-test", Phase.ROLLBACK_FAILED);
    verify(harness.inventory, never()).recordResourceDeleted(eq("env-synckairos-test"),
        argThat(r -> r.kind().equals("REDIS_USER")));
  }

  /** Each resource is deleted after everything created after it in its own branch, secrets first of all. */
  private void assertNewestFirst() {
    List<String> deletes = harness.deletes();
    List<String> creates = harness.scheduledCreates();
    for (List<String> chain : List.of(
        List.of("SECRETS", "ALERT_RULES", "DASHBOARDS", "CONTACT_POINTS"),
        List.of("SECRETS", "POSTGRES_DATABASE"),
        List.of("SECRETS", "REDIS_USER"))) {
      List<String> present = chain.stream().filter(deletes::contains).toList();
      assertThat(deletes.stream().filter(present::contains).toList()).as("delete order").containsExactlyElementsOf(present);
    }
    assertThat(deletes).as("deletes run in the reverse order the creates were scheduled").isEqualTo(reversed(creates));
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new java.util.ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  @Test
  void productionWaitsForApprovalThenBecomesActiveWhenApproved() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.productionSpec());
    awaitPhase(workflow, Phase.AWAITING_APPROVAL);

    assertThat(workflow.status().approval().state()).isEqualTo("WAITING");
    assertThat(workflow.status().approval().evidence()).contains("redis: PING: PONG", "postgres: schema version 3");
    verify(harness.notify).sendNotification(any(), argThat(n -> n.event() == NotificationEvent.AWAITING_APPROVAL));
    verify(harness.paas, never()).deploy(any(), any());

    workflow.approve(new Decision("ana@example.com", "staging green"));

    ProvisionResult result = WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class);
    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(workflow.status().approval().decidedBy()).isEqualTo("ana@example.com");
    verify(harness.inventory).recordAudit("env-synckairos-test", "approved", "ana@example.com", "staging green");
  }

  @Test
  void rejectionRollsEverythingBackNewestFirst() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.productionSpec());
    awaitPhase(workflow, Phase.AWAITING_APPROVAL);

    workflow.reject(new Decision("ops@example.com", "not today"));

    ProvisionResult result = WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class);
    assertThat(result.phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(harness.deletes()).containsExactlyInAnyOrderElementsOf(DATA_AND_MONITORING);
    assertNewestFirst();
    verifyNoInteractions(harness.paas);
    verify(harness.inventory).recordAudit("env-synckairos-test", "rejected", "ops@example.com", "not today");
  }

  @Test
  void anApprovalTimeoutCountsAsRejection() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.productionSpec());

    ProvisionResult result = WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class);

    assertThat(result.phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(workflow.status().approval().state()).isEqualTo("TIMED_OUT");
    assertThat(harness.deletes()).containsExactlyInAnyOrderElementsOf(DATA_AND_MONITORING);
    verifyNoInteractions(harness.paas);
  }

  @Test
  void cancellationMidFlightStillRollsBack() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.productionSpec());
    awaitPhase(workflow, Phase.AWAITING_APPROVAL);

    WorkflowStub.fromTyped(workflow).cancel();

    Throwable thrown = catchThrowable(() -> WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class));
    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(thrown.getCause()).isInstanceOf(CanceledFailure.class);
    assertThat(harness.deletes()).containsExactlyInAnyOrderElementsOf(DATA_AND_MONITORING);
    assertNewestFirst();
    verifyNoInteractions(harness.paas);
  }

  @Test
  void decideRefusesTheRequesterStrangersAndASecondDecision() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.productionSpec());
    awaitPhase(workflow, Phase.AWAITING_APPROVAL);

    assertThat(refusal(workflow, new DecisionRequest("approve", "dev@example.com", "mine"))).contains("requested this environment");
    assertThat(refusal(workflow, new DecisionRequest("approve", "mallory@example.com", ""))).contains("not an approver");
    assertThat(refusal(workflow, new DecisionRequest("ship-it", "ana@example.com", ""))).contains("unknown action");

    assertThat(workflow.decide(new DecisionRequest("approve", "ana@example.com", "ok"))).isEqualTo("approved by ana@example.com");
    assertThat(refusal(workflow, new DecisionRequest("reject", "ops@example.com", "no"))).contains("already decided");
    assertThat(WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class).phase()).isEqualTo(Phase.ACTIVE);
  }

  @Test
  void signalsFromPeopleNotAllowedToDecideAreIgnored() {
    ProvisionEnvironmentWorkflow workflow = harness.newWorkflow();
    WorkflowClient.start(workflow::provision, WorkflowTestHarness.productionSpec());
    awaitPhase(workflow, Phase.AWAITING_APPROVAL);

    workflow.approve(new Decision("dev@example.com", "self-approval"));
    workflow.approve(new Decision("mallory@example.com", "why not"));

    assertThat(workflow.status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(workflow.status().errors()).anySatisfy(e -> assertThat(e).contains("ignored approve from mallory@example.com"));
    workflow.reject(new Decision("ana@example.com", "no"));
    assertThat(WorkflowStub.fromTyped(workflow).getResult(ProvisionResult.class).phase()).isEqualTo(Phase.ROLLED_BACK);
  }

  private String refusal(ProvisionEnvironmentWorkflow workflow, DecisionRequest request) {
    Throwable thrown = catchThrowable(() -> workflow.decide(request));
    assertThat(thrown).isInstanceOf(WorkflowUpdateException.class);
    Throwable cause = thrown;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure failure ? failure.getOriginalMessage() : cause.getMessage();
  }

  private void awaitPhase(ProvisionEnvironmentWorkflow workflow, Phase phase) {
    for (int i = 0; i < 200 && workflow.status().phase() != phase; i++) {
      harness.env.sleep(Duration.ofSeconds(1));
    }
    assertThat(workflow.status().phase()).isEqualTo(phase);
  }

  private static ApplicationFailure applicationFailure(Throwable thrown) {
    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }

  /**
   * While a local activity is retried inside the workflow task, the workflow answers no query; an inventory away for
   * seconds must move its retries onto workflow timers soon (a status asked during an outage timed out).
   */
  @Test
  void anInventoryWriteFailingForSecondsWaitsOnWorkflowTimersSoTheWorkflowStaysQueryable() {
    java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    org.mockito.Mockito.doAnswer(i -> {
      if (attempts.incrementAndGet() <= 4) {
        throw new IllegalStateException("inventory unreachable");
      }
      return null;
    }).when(harness.inventory).recordEnvironment(any(), eq(Phase.PROVISIONING));

    ProvisionResult result = harness.newWorkflow().provision(WorkflowTestHarness.spec());

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(attempts).hasValue(5);
    assertThat(harness.client().fetchHistory("env-" + WorkflowTestHarness.NAME).getEvents())
        .as("a backoff timer of the failing local activity (the SDK's default keeps retrying locally for a minute)")
        .anyMatch(io.temporal.api.history.v1.HistoryEvent::hasTimerStartedEventAttributes);
  }
}
