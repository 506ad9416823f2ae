package dev.envflow.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.workflows.activities.InventoryActivities;
import dev.envflow.workflows.activities.NotificationActivities;
import dev.envflow.workflows.activities.PreflightActivities;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.Decision;
import dev.envflow.workflows.model.DecisionRequest;
import dev.envflow.workflows.model.DeployReport;
import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.MigrationReport;
import dev.envflow.workflows.model.Notification;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.MetricsCheckSpec;
import dev.envflow.workflows.spec.ParsedSpec;
import dev.envflow.workflows.spec.SpecParser;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Provisions an environment: validate → Redis, PostgreSQL and monitoring concurrently → approval gate (when
 * required) → secrets → deploy → smoke suite → load step → metrics flowing → ACTIVE. Nothing touches the PaaS
 * before the approval. A failure rolls back everything created, newest first — a deploy is put back before its
 * secrets are removed — and then fails the workflow with the reason; a rejection or an approval timeout rolls
 * back and returns ROLLED_BACK; a cancellation rolls back and ends cancelled. People hear about the approval
 * wait, ACTIVE and a rollback through the notification activity, which never fails the workflow. Histories from
 * before each change (see the {@code *_CHANGE} ids) replay along their older paths.
 */
public class ProvisionEnvironmentWorkflowImpl implements ProvisionEnvironmentWorkflow {

  private static final Logger log = Workflow.getLogger(ProvisionEnvironmentWorkflowImpl.class);
  private static final String READINESS_CHANGE = "readiness-step";
  private static final String ROLLOUT_CHANGE = "gated-rollout";
  private static final String METRICS_AND_NOTIFICATIONS_CHANGE = "metrics-check-and-notifications";
  private static final String APPROVAL_POLICY_CHANGE = "approval-quorum-and-reminder";
  private static final String ROLLBACK_FAILED_CHANGE = "rollback-failed-phase";
  private static final String LOCAL_BOOKKEEPING_CHANGE = "local-bookkeeping";
  private static final String FEWER_ROUND_TRIPS_CHANGE = "fewer-round-trips";

  private final ProvisioningStubs stubs = new ProvisioningStubs();
  private InventoryActivities inventory;
  private NotificationActivities notifier;
  private ResourceDeleter deleter;
  private final StepTracker steps = new StepTracker(Steps.ALL);
  private final CompensationStack compensations = new CompensationStack();
  private final Map<ResourceKind, Resource> resources = new LinkedHashMap<>();
  private final List<String> errors = new ArrayList<>();
  private final List<String> evidence = new ArrayList<>();
  private final List<String> reports = new ArrayList<>();
  private final List<Decision> priorApprovals = new ArrayList<>();
  private EnvironmentSpec spec;
  private ApprovalGate approval;
  private Phase phase = Phase.VALIDATING;
  private String failedStep;
  private boolean readinessSteps;
  private boolean gatedRollout;
  private boolean metricsAndNotifications;
  private boolean approvalPolicy;
  private boolean rollbackFailedPhase;
  private boolean fewerRoundTrips;

  @Override
  public ProvisionResult provision(JsonNode json) {
    // asked once, before the branches run concurrently, so that replaying older histories keeps their order
    readinessSteps = Workflow.getVersion(READINESS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    gatedRollout = Workflow.getVersion(ROLLOUT_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    metricsAndNotifications = Workflow.getVersion(METRICS_AND_NOTIFICATIONS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    approvalPolicy = Workflow.getVersion(APPROVAL_POLICY_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    rollbackFailedPhase = Workflow.getVersion(ROLLBACK_FAILED_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    boolean localBookkeeping = Workflow.getVersion(LOCAL_BOOKKEEPING_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    fewerRoundTrips = Workflow.getVersion(FEWER_ROUND_TRIPS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    inventory = localBookkeeping ? stubs.inventoryLocal : stubs.inventory;
    notifier = fewerRoundTrips ? stubs.notifyLocal : stubs.notify;
    PreflightActivities preflight = fewerRoundTrips ? stubs.preflightLocal : stubs.preflight;
    deleter = new ResourceDeleter(stubs, inventory);
    spec = validated(json);
    approval = new ApprovalGate(spec);
    List<String> problems = step(Steps.PREFLIGHT, () -> preflight.checkProviders(spec), p -> "every provider is available");
    if (!problems.isEmpty()) {
      steps.failed(Steps.PREFLIGHT, String.join("; ", problems));
      throw refuse(problems);
    }
    if (!spec.requiresApproval()) {
      steps.skipped(Steps.APPROVAL, "not required");
    }
    atOnce(() -> inventory.recordEnvironment(spec, Phase.PROVISIONING),
        () -> inventory.recordAudit(spec.id(), "requested", spec.requestedBy(), null));
    phase = Phase.PROVISIONING;
    try {
      if (gatedRollout) {
        List<Resource> sources = provisionData();
        if (spec.requiresApproval() && !awaitApproval()) {
          rollback(approvalOutcome(), approval.state().name().toLowerCase());
          return result();
        }
        Resource secrets = setSecrets(sources);
        rollOut(secrets);
      } else {
        Resource secrets = provisionResources();
        if (spec.requiresApproval() && !awaitApproval()) {
          rollback(approvalOutcome(), approval.state().name().toLowerCase());
          return result();
        }
        deployAndVerify(secrets);
      }
      awaitMetrics();
      atOnce(() -> enter(Phase.ACTIVE), () -> inventory.recordAudit(spec.id(), "activated", "envflow", null),
          () -> announce(Notification.active(spec.id(), spec.requestedBy(), resourceLines())));
      Workflow.await(Workflow::isEveryHandlerFinished);
      return result();
    } catch (TemporalFailure failure) {
      if (Failures.isCancellation(failure)) {
        rollback("provisioning was cancelled", "cancelled");
        throw failure;
      }
      String reason = (failedStep == null ? "provisioning" : failedStep) + " failed: " + Failures.describe(failure);
      List<String> leftBehind = rollback(reason, "rolled_back");
      String type = Failures.type(failure);
      throw ApplicationFailure.newNonRetryableFailure(reason + (leftBehind.isEmpty()
          ? "; everything created was rolled back"
          : "; the rollback could not finish:\n" + String.join("\n", leftBehind)), type == null ? "PROVISIONING_FAILED" : type);
    }
  }

  private EnvironmentSpec validated(JsonNode json) {
    steps.running(Steps.VALIDATE);
    ParsedSpec parsed = SpecParser.parse(json);
    if (!parsed.valid()) {
      steps.failed(Steps.VALIDATE, parsed.errors().size() + " problem(s)");
      throw refuse(parsed.errors().stream().map(Object::toString).toList());
    }
    steps.done(Steps.VALIDATE, "spec is valid");
    return parsed.spec();
  }

  private ApplicationFailure refuse(List<String> problems) {
    phase = Phase.FAILED;
    errors.addAll(problems);
    return ApplicationFailure.newNonRetryableFailure(
        "the spec was refused; nothing was created:\n" + String.join("\n", problems), FailureType.INVALID_SPEC.name());
  }

  /** Before the gated rollout: the three branches, then the secrets, all before the approval gate. */
  private Resource provisionResources() {
    return setSecrets(provisionData());
  }

  /** The three branches concurrently; waits for every branch even when one fails. Returns Redis and PostgreSQL. */
  private List<Resource> provisionData() {
    Promise<Resource> redis = Async.function(this::provisionRedis);
    Promise<Resource> postgres = Async.function(this::provisionPostgres);
    Promise<Void> monitoring = Async.procedure(this::provisionMonitoring);
    Promise.allOf(settled(redis), settled(postgres), settled(monitoring)).get();
    List<Resource> sources = List.of(redis.get(), postgres.get());
    monitoring.get();
    return sources;
  }

  /** In the gated rollout the deploy follows at once: the DEPLOYING phase is recorded together with the secrets. */
  private Resource setSecrets(List<Resource> sources) {
    Functions.Proc alongside = fewerRoundTrips && gatedRollout ? () -> enter(Phase.DEPLOYING) : null;
    return create(Steps.SECRETS, ResourceKind.SECRETS, spec.paas().provider(), () -> stubs.paas.setSecrets(spec, sources),
        alongside);
  }

  private static <T> Promise<Void> settled(Promise<T> promise) {
    return promise.handle((value, failure) -> null);
  }

  private Resource provisionRedis() {
    Resource user = create(Steps.REDIS_CREATE, ResourceKind.REDIS_USER, spec.redis().provider(), () -> stubs.redis.createRedisUser(spec));
    awaitReady(Steps.REDIS_READY, since -> stubs.redisReadiness.redisReadiness(user, since));
    CheckReport report = step(Steps.REDIS_VALIDATE, () -> stubs.redisCheck.validateRedis(user), ProvisionEnvironmentWorkflowImpl::passed);
    report.checks().forEach(check -> evidence.add("redis: " + check));
    return user;
  }

  private Resource provisionPostgres() {
    Resource database = create(Steps.POSTGRES_CREATE, ResourceKind.POSTGRES_DATABASE, spec.postgres().provider(),
        () -> stubs.postgres.createDatabase(spec));
    awaitReady(Steps.POSTGRES_READY, since -> stubs.postgresReadiness.postgresReadiness(database, since));
    String location = spec.postgres().migrations();
    MigrationReport migrated = step(Steps.POSTGRES_MIGRATE, () -> stubs.postgresMigrate.migrateDatabase(database, location),
        m -> m.applied().size() + " migration(s) applied; schema version " + m.schemaVersion());
    evidence.add("postgres: schema version " + migrated.schemaVersion());
    CheckReport report = step(Steps.POSTGRES_VALIDATE, () -> stubs.postgresCheck.validateDatabase(database, location),
        ProvisionEnvironmentWorkflowImpl::passed);
    report.checks().forEach(check -> evidence.add("postgres: " + check));
    return database;
  }

  private void provisionMonitoring() {
    String provider = spec.monitoring().provider();
    create(Steps.CONTACT_POINTS, ResourceKind.CONTACT_POINTS, provider, () -> stubs.monitoring.createContactPoints(spec));
    create(Steps.DASHBOARDS, ResourceKind.DASHBOARDS, provider, () -> stubs.monitoring.createDashboards(spec));
    create(Steps.ALERTS, ResourceKind.ALERT_RULES, provider, () -> stubs.monitoring.createAlertRules(spec));
  }

  /**
   * Records the resource and pushes its compensation before the create, so that a create that failed
   * half-way — or a worker that died during it — still leaves something that rollback or teardown deletes.
   */
  private Resource create(String step, ResourceKind kind, String provider, Functions.Func<Resource> create) {
    return create(step, kind, provider, create, null);
  }

  /** Like {@link #create(String, ResourceKind, String, Functions.Func)}; {@code alongside}, if any, runs with the claim. */
  private Resource create(String step, ResourceKind kind, String provider, Functions.Func<Resource> create,
      Functions.Proc alongside) {
    Resource planned = Resource.planned(kind, provider, spec.name());
    inventory.recordResource(spec.id(), planned);
    compensations.pushReporting(step, () -> {
      List<String> leftBehind = deleter.delete(spec.id(), resources.getOrDefault(kind, planned));
      resources.remove(kind);
      leftBehind.forEach(note -> errors.add(step + ": " + note));
      return leftBehind.isEmpty() ? null : String.join("; ", leftBehind);
    }, () -> describe(resources.getOrDefault(kind, planned)));
    Resource created = step(step, create, r -> r.location() == null ? r.name() : r.name() + " at " + r.location());
    resources.put(kind, created);
    if (alongside == null) {
      inventory.recordResource(spec.id(), created);
    } else {
      atOnce(() -> inventory.recordResource(spec.id(), created), alongside);
    }
    return created;
  }

  /**
   * Bookkeeping writes that need no order among them: one round of concurrent local activities instead of one after
   * another, each round costing the workflow task a dispatch and a wake-up (docs/BENCHMARKS.md). Histories from before
   * that change replay them one after another, in the order given.
   */
  private void atOnce(Functions.Proc... writes) {
    if (!fewerRoundTrips) {
      for (Functions.Proc write : writes) {
        write.apply();
      }
      return;
    }
    List<Promise<Void>> running = new ArrayList<>();
    for (Functions.Proc write : writes) {
      running.add(Async.procedure(write));
    }
    Promise.allOf(running.stream().map(ProvisionEnvironmentWorkflowImpl::settled).toList()).get();
    running.forEach(Promise::get);
  }

  /**
   * Looks at a new resource until its provider says it is ready, pausing on a durable timer between looks so
   * the status shows what is awaited and for how long; the provider's activity fails once its deadline passes.
   * Histories from before this step existed replay without it.
   */
  private void awaitReady(String name, Functions.Func1<Long, Readiness> look) {
    if (!readinessSteps) {
      steps.skipped(name, "not part of this workflow's version");
      return;
    }
    poll(name, look);
  }

  /**
   * After deploy and smoke tests, waits until the monitoring backend holds a sample of the spec's metric; the
   * activity fails once {@code monitoring.metricsCheck.timeout} has passed, and the environment rolls back.
   */
  private void awaitMetrics() {
    MetricsCheckSpec check = spec.monitoring().metricsCheck();
    if (!metricsAndNotifications || check == null) {
      steps.skipped(Steps.METRICS, metricsAndNotifications ? "no monitoring.metricsCheck" : "not part of this workflow's version");
      return;
    }
    if (phase != Phase.VERIFYING) {
      enter(Phase.VERIFYING);
    }
    poll(Steps.METRICS, since -> stubs.metrics.metricsFlowing(spec, since));
  }

  /** Looks until ready, with a durable timer between looks and the status showing what is awaited and for how long. */
  private void poll(String name, Functions.Func1<Long, Readiness> look) {
    long since = Workflow.currentTimeMillis();
    step(name, () -> {
      Readiness readiness = look.apply(since);
      while (!readiness.ready()) {
        steps.progress(name, readiness.detail() + ", " + Readiness.humanDuration(Workflow.currentTimeMillis() - since));
        Duration pause = Duration.ofMillis(readiness.pollAfterMillis());
        Workflow.sleep(pause.compareTo(ActivityProfiles.MIN_READINESS_POLL) < 0 ? ActivityProfiles.MIN_READINESS_POLL : pause);
        readiness = look.apply(since);
      }
      return readiness;
    }, readiness -> readiness.detail() + " after " + Readiness.humanDuration(Workflow.currentTimeMillis() - since));
  }

  private <T> T step(String name, Functions.Func<T> body, Functions.Func1<T, String> detail) {
    steps.running(name);
    try {
      T result = body.apply();
      steps.done(name, detail.apply(result));
      return result;
    } catch (ActivityFailure failure) {
      if (!Failures.isCancellation(failure)) {
        steps.failed(name, Failures.describe(failure));
        failedStep = failedStep == null ? name : failedStep;
      }
      throw failure;
    }
  }

  private static String passed(CheckReport report) {
    return report.checks().size() + " checks passed";
  }

  private static String listed(CheckReport report) {
    return String.join("; ", report.checks());
  }

  /** Waits for a decision or the timeout; true when approved. */
  private boolean awaitApproval() {
    Duration timeout = Duration.parse(spec.approval().timeout());
    steps.running(Steps.APPROVAL);
    if (gatedRollout) {
      evidence.addAll(rolloutPlan());
    }
    approval.open(Workflow.currentTimeMillis() + timeout.toMillis(), evidence);
    applyPriorApprovals();
    enter(Phase.AWAITING_APPROVAL);
    if (approval.decided()) {
      log.info("{} was approved before envflow restarted; not asking again", spec.id());
    } else {
      notifyApprovers(timeout);
      if (approvalPolicy) {
        awaitDecision(timeout);
      } else if (!Workflow.await(timeout, approval::decided)) {
        approval.timeOut();
      }
    }
    String decider = approval.decidedBy() == null ? "envflow" : approval.decidedBy();
    inventory.recordAudit(spec.id(), approval.state().name().toLowerCase(), decider, approval.reason());
    if (approval.approved()) {
      steps.done(Steps.APPROVAL, "approved by " + decider);
      return true;
    }
    steps.failed(Steps.APPROVAL, approval.state().name().toLowerCase().replace('_', ' ') + " by " + decider
        + (approval.reason() == null || approval.reason().isBlank() ? "" : ": " + approval.reason()));
    return false;
  }

  /**
   * Waits for the quorum, a rejection or the timeout; reminds the approvers {@code approval.remindBefore} before the
   * timeout, and records each approval short of the quorum in the audit log as it comes.
   */
  private void awaitDecision(Duration timeout) {
    long deadline = Workflow.currentTimeMillis() + timeout.toMillis();
    Duration lead = spec.approval().reminderLead();
    long remindAt = lead.compareTo(timeout) < 0 ? deadline - lead.toMillis() : deadline;
    boolean reminded = remindAt >= deadline;
    int audited = 0;
    while (!approval.decided()) {
      long now = Workflow.currentTimeMillis();
      long until = reminded ? deadline : remindAt;
      if (now >= until) {
        if (reminded) {
          approval.timeOut();
          return;
        }
        reminded = true;
        remindApprovers(deadline);
        continue;
      }
      int seen = approval.approvedBy().size();
      Workflow.await(Duration.ofMillis(until - now), () -> approval.decided() || approval.approvedBy().size() > seen);
      List<String> approvals = approval.approvedBy();
      for (; audited < approvals.size() && !approval.decided(); audited++) {
        stubs.inventory.recordAudit(spec.id(), "approval", approvals.get(audited),
            (audited + 1) + " of " + approval.quorum() + " approvals");
      }
    }
  }

  private void remindApprovers(long deadline) {
    stubs.inventory.recordAudit(spec.id(), "reminded", "envflow", approval.approvedBy().size() + " of "
        + approval.quorum() + " approvals before the deadline");
    announce(Notification.reminder(spec.id(), spec.requestedBy(), spec.approval().approvers(), deadline,
        approval.quorum(), approval.approvedBy()));
  }

  /** What the approvers let happen: which app, which image, which secret keys (names only). */
  private List<String> rolloutPlan() {
    var paas = spec.paas();
    String what = paas.image() != null ? "deploys image " + paas.image()
        : paas.deployCommand() != null ? "runs its deploy command" : "writes the secrets only";
    List<String> keys = new ArrayList<>(List.of("REDIS_URL", "DATABASE_URL"));
    keys.addAll(paas.secrets());
    return List.of("rollout: " + paas.provider() + " app " + paas.app() + " " + what,
        "rollout: secret keys to set (names only): " + String.join(", ", keys));
  }

  /** E.g. {@code rejected by ops@example.com: not today}. */
  private String approvalOutcome() {
    String outcome = approval.state().name().toLowerCase().replace('_', ' ')
        + (approval.decidedBy() == null ? "" : " by " + approval.decidedBy());
    return approval.reason() == null || approval.reason().isBlank() ? outcome : outcome + ": " + approval.reason();
  }

  private void notifyApprovers(Duration timeout) {
    if (metricsAndNotifications) {
      announce(Notification.awaitingApproval(spec.id(), spec.requestedBy(), spec.approval().approvers(),
          approval.status().deadlineMs(), evidence));
      return;
    }
    String message = spec.id() + " is ready and waits for approval by one of " + spec.approval().approvers()
        + " within " + timeout + ": envflow approve " + spec.id() + " --as NAME";
    if (gatedRollout) {
      message += "\n" + String.join("\n", evidence);
    }
    try {
      stubs.notify.notifyApprovers(spec, message);
    } catch (ActivityFailure failure) {
      log.warn("could not notify the approvers of {}: {}", spec.id(), Failures.describe(failure));
    }
  }

  /** Before the gated rollout: deploy and smoke, with no undo of the deploy and no load step. */
  private void deployAndVerify(Resource secrets) {
    enter(Phase.DEPLOYING);
    steps.skipped(Steps.LOAD, "not part of this workflow's version");
    step(Steps.DEPLOY, () -> stubs.paasDeploy.deploy(spec, secrets), report -> report.summary());
    if (spec.smoke().baseUrl() == null) {
      steps.skipped(Steps.SMOKE, "no smoke.baseUrl");
      return;
    }
    enter(Phase.VERIFYING);
    step(Steps.SMOKE, () -> stubs.smoke.runSmokeTests(spec), ProvisionEnvironmentWorkflowImpl::passed);
  }

  /**
   * Deploys, then verifies with the smoke suite and the load step. The deploy's undo is registered before it
   * starts, so a deploy that failed half-way or a failed verification puts the application back on its previous
   * release before its secrets are removed.
   */
  private void rollOut(Resource secrets) {
    if (phase != Phase.DEPLOYING) {
      enter(Phase.DEPLOYING);
    }
    compensations.pushReporting(Steps.DEPLOY, () -> stubs.paasUndeploy.rollbackDeploy(spec, secrets).summary(),
        () -> "the deploy of app " + spec.paas().app() + " on " + spec.paas().provider() + " (put its previous release back)");
    step(Steps.DEPLOY, () -> stubs.paasDeploy.deploy(spec, secrets), DeployReport::summary);
    if (spec.smoke().baseUrl() == null) {
      steps.skipped(Steps.SMOKE, "no smoke.baseUrl");
      steps.skipped(Steps.LOAD, "no smoke.baseUrl");
      return;
    }
    enter(Phase.VERIFYING);
    CheckReport smoke = step(Steps.SMOKE, () -> stubs.smokeSuite.runSmokeTests(spec), ProvisionEnvironmentWorkflowImpl::listed);
    smoke.checks().forEach(line -> reports.add("smoke: " + line));
    if (spec.smoke().load() == null) {
      steps.skipped(Steps.LOAD, "no smoke.load");
      return;
    }
    CheckReport load = step(Steps.LOAD, () -> stubs.load.runLoadTest(spec), ProvisionEnvironmentWorkflowImpl::listed);
    load.checks().forEach(line -> reports.add("load: " + line));
  }

  /**
   * Compensates everything created, newest first, even when the workflow is being cancelled. Returns what could not
   * be undone, each naming what a person must remove: the environment ends ROLLBACK_FAILED then (FAILED in histories
   * from before that phase), and the inventory keeps listing it as live, so a teardown tries again.
   */
  private List<String> rollback(String reason, String auditAction) {
    errors.add(reason);
    phase = Phase.ROLLING_BACK;
    List<String> problems = new ArrayList<>();
    Workflow.newDetachedCancellationScope(() -> {
      inventory.recordPhase(spec.id(), Phase.ROLLING_BACK);
      problems.addAll(compensations.compensate(steps::compensated));
      errors.addAll(problems);
      enter(problems.isEmpty() ? Phase.ROLLED_BACK : rollbackFailedPhase ? Phase.ROLLBACK_FAILED : Phase.FAILED);
      inventory.recordAudit(spec.id(), auditAction, "envflow", reason);
      announce(Notification.rolledBack(spec.id(), spec.requestedBy(), reason, problems));
    }).run();
    return problems;
  }

  /** E.g. {@code redis user synckairos-staging on upstash (us1-able-fox.upstash.io:6379)}. */
  private static String describe(Resource resource) {
    return resource.kind().toLowerCase().replace('_', ' ') + " " + resource.name() + " on " + resource.provider()
        + (resource.location() == null ? "" : " (" + resource.location() + ")");
  }

  private List<String> resourceLines() {
    return resources.values().stream().map(r -> r.kind().toLowerCase().replace('_', ' ') + " (" + r.provider() + "): "
        + r.name() + (r.location() == null ? "" : " at " + r.location())).toList();
  }

  /** Tells people; a notification that cannot be delivered in its two attempts is logged, never fatal. */
  private void announce(Notification notification) {
    if (!metricsAndNotifications) {
      return;
    }
    try {
      notifier.sendNotification(spec, notification);
    } catch (ActivityFailure failure) {
      log.warn("could not send the {} notification of {}: {}", notification.event(), spec.id(), Failures.describe(failure));
    }
  }

  private void enter(Phase next) {
    phase = next;
    inventory.recordPhase(spec.id(), next);
  }

  private ProvisionResult result() {
    return new ProvisionResult(spec.id(), phase, new ArrayList<>(resources.values()), List.copyOf(errors),
        List.copyOf(reports));
  }

  @Override
  public void priorApproval(Decision decision) {
    if (decision == null) {
      return;
    }
    priorApprovals.add(decision);
    if (approval != null && approval.state() == ApprovalGate.State.WAITING) {
      applyPriorApprovals(List.of(decision));
    }
  }

  private void applyPriorApprovals() {
    applyPriorApprovals(priorApprovals);
  }

  /** Approvals given before envflow restarted count again, as long as the policy still allows their approver. */
  private void applyPriorApprovals(List<Decision> priors) {
    for (Decision prior : priors) {
      String refusal = approval.refusal(DecisionRequest.APPROVE, prior.by());
      if (refusal == null) {
        approval.decide(DecisionRequest.APPROVE, prior.by(), prior.reason() == null
            ? "approved before envflow restarted" : prior.reason() + " (approved before envflow restarted)");
      } else if (!approval.decided()) {
        errors.add("the approval " + prior.by() + " gave before envflow restarted does not count: " + refusal);
      }
    }
  }

  @Override
  public void approve(Decision decision) {
    decideBySignal(DecisionRequest.APPROVE, decision);
  }

  @Override
  public void reject(Decision decision) {
    decideBySignal(DecisionRequest.REJECT, decision);
  }

  /** Signals cannot be refused, so one that breaks the rules is ignored and said so in the status. */
  private void decideBySignal(String action, Decision decision) {
    String by = decision == null ? null : decision.by();
    String refusal = refusal(action, by);
    if (refusal != null) {
      log.warn("ignored {} from {}: {}", action, by, refusal);
      errors.add("ignored " + action + " from " + by + ": " + refusal);
      return;
    }
    approval.decide(action, by, decision.reason());
  }

  @Override
  public String decide(DecisionRequest request) {
    approval.decide(request.action(), request.by(), request.reason());
    if (!approval.decided()) {
      return "approval by " + request.by() + " recorded: " + approval.approvedBy().size() + " of " + approval.quorum()
          + "; waiting for " + (approval.quorum() - approval.approvedBy().size()) + " more distinct approver(s)";
    }
    return (approval.approved() ? "approved" : "rejected") + " by " + request.by();
  }

  @Override
  public void validateDecide(DecisionRequest request) {
    String refusal = request == null ? "no decision given" : refusal(request.action(), request.by());
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  private String refusal(String action, String by) {
    return approval == null ? "not waiting for approval (the spec is not validated yet)" : approval.refusal(action, by);
  }

  @Override
  public EnvironmentStatus status() {
    String id = spec == null ? Workflow.getInfo().getWorkflowId() : spec.id();
    return new EnvironmentStatus(id, phase, steps.snapshot(), new ArrayList<>(resources.values()),
        approval == null ? null : approval.status(), List.copyOf(errors));
  }
}
