package dev.envflow.workflows;

import dev.envflow.workflows.model.FailureType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** The activity options of envflow's workflows, declared once, by what the activity does. */
final class ActivityProfiles {

  static final Duration CREATE_TIMEOUT = Duration.ofMinutes(5);
  static final Duration MIGRATE_TIMEOUT = Duration.ofMinutes(15);
  static final Duration CHECK_TIMEOUT = Duration.ofMinutes(2);
  static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(30);
  static final Duration DEPLOY_HEARTBEAT = Duration.ofMinutes(1);
  static final Duration BOOKKEEPING_TIMEOUT = Duration.ofSeconds(30);
  /** How long a failing local activity is retried inside one workflow task before its retries wait on timers. */
  static final Duration LOCAL_RETRY_THRESHOLD = Duration.ofSeconds(3);

  /** Transient failures back off up to a minute; classified failures (bad input, conflict, ...) never retry. */
  private static final RetryOptions PROVIDER_RETRY = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(1))
      .setBackoffCoefficient(2)
      .setMaximumInterval(Duration.ofMinutes(1))
      .setMaximumAttempts(10)
      .setDoNotRetry(FailureType.names())
      .build();

  /** Creates a resource (or adopts its own): idempotent by the deterministic name. */
  static final ActivityOptions CREATE = ActivityOptions.newBuilder()
      .setHeartbeatTimeout(Liveness.HEARTBEAT_TIMEOUT)
      .setStartToCloseTimeout(CREATE_TIMEOUT)
      .setRetryOptions(PROVIDER_RETRY)
      .build();

  static final ActivityOptions MIGRATE = ActivityOptions.newBuilder()
      .setHeartbeatTimeout(Liveness.HEARTBEAT_TIMEOUT)
      .setStartToCloseTimeout(MIGRATE_TIMEOUT)
      .setRetryOptions(PROVIDER_RETRY)
      .build();

  /** One look at a resource's readiness: quick; an unanswered look is retried, a failed resource is not. */
  static final ActivityOptions READINESS = ActivityOptions.newBuilder()
      .setHeartbeatTimeout(Liveness.HEARTBEAT_TIMEOUT)
      .setStartToCloseTimeout(Duration.ofMinutes(1))
      .setRetryOptions(PROVIDER_RETRY)
      .build();

  /** The shortest pause between two readiness looks, whatever a provider suggests. */
  static final Duration MIN_READINESS_POLL = Duration.ofMillis(100);

  private static final RetryOptions CHECK_RETRY = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(1))
      .setMaximumInterval(Duration.ofSeconds(10))
      .setMaximumAttempts(10)
      .setDoNotRetry(FailureType.names())
      .build();

  /**
   * Validation, preflight and smoke checks: short. A check that finds a problem fails at once (VALIDATION_FAILED,
   * ...); one that could not run (a connection reset, a 5xx) is retried for about a minute — with only three
   * attempts, 30% transient faults rolled back one environment in twenty that had nothing wrong (docs/RELIABILITY.md).
   */
  static final ActivityOptions CHECK = ActivityOptions.newBuilder()
      .setHeartbeatTimeout(Liveness.HEARTBEAT_TIMEOUT)
      .setStartToCloseTimeout(CHECK_TIMEOUT)
      .setScheduleToCloseTimeout(CHECK_TIMEOUT.multipliedBy(3))
      .setRetryOptions(CHECK_RETRY)
      .build();

  /**
   * The preflight check as a local activity: it reads only the configuration of the worker that runs it, so a task
   * queue round trip and one more workflow task on the critical path buy nothing (docs/BENCHMARKS.md).
   */
  static final LocalActivityOptions PREFLIGHT_LOCAL = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(CHECK_TIMEOUT)
      .setScheduleToCloseTimeout(CHECK_TIMEOUT.multipliedBy(3))
      .setRetryOptions(CHECK_RETRY)
      .build();

  /**
   * A deploy continues where a failed attempt stopped (the Fly rollout is recorded before each change), so a
   * transient fault is retried like any provider call; a hung deploy is bounded by the total time, not by attempts.
   */
  static final ActivityOptions DEPLOY = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(DEPLOY_TIMEOUT)
      .setScheduleToCloseTimeout(DEPLOY_TIMEOUT.multipliedBy(3).dividedBy(2))
      .setHeartbeatTimeout(DEPLOY_HEARTBEAT)
      .setRetryOptions(PROVIDER_RETRY)
      .build();

  /** Putting a deploy back: as long as a deploy, heartbeating, and retried like every compensation. */
  static final ActivityOptions UNDO_DEPLOY = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(DEPLOY_TIMEOUT)
      .setHeartbeatTimeout(DEPLOY_HEARTBEAT)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(2))
          .setMaximumAttempts(30)
          .setDoNotRetry(FailureType.CONFLICT.name())
          .build())
      .build();

  /** The smoke suite: it retries its checks itself while the application warms up, so one more attempt at most. */
  static final ActivityOptions SMOKE = ActivityOptions.newBuilder()
      .setHeartbeatTimeout(Liveness.HEARTBEAT_TIMEOUT)
      .setStartToCloseTimeout(Duration.ofMinutes(5))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(5))
          .setMaximumAttempts(2)
          .setDoNotRetry(FailureType.names())
          .build())
      .build();

  /** The load step runs for at most {@code MAX_LOAD_DURATION} and heartbeats while it runs. */
  static final ActivityOptions LOAD = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(dev.envflow.workflows.spec.SpecParser.MAX_LOAD_DURATION.plusMinutes(2))
      .setHeartbeatTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).setDoNotRetry(FailureType.names()).build())
      .build();

  /** Deletes during rollback and teardown: they must finish, so they retry for long; deleting what is gone succeeds. */
  static final ActivityOptions COMPENSATE = ActivityOptions.newBuilder()
      .setHeartbeatTimeout(Liveness.HEARTBEAT_TIMEOUT)
      .setStartToCloseTimeout(CREATE_TIMEOUT)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(2))
          .setMaximumAttempts(30)
          .setDoNotRetry(FailureType.CONFLICT.name())
          .build())
      .build();

  /** envflow's own inventory: quick, retried until the database answers. */
  static final ActivityOptions INVENTORY = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(BOOKKEEPING_TIMEOUT)
      .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30)).build())
      .build();

  /**
   * The same, as a local activity: a few milliseconds of SQL need no task queue, while each remote activity costs
   * the workflow a task queue dispatch and one more workflow task; 18 of a nop environment's 33 activities were
   * inventory writes (docs/BENCHMARKS.md). Retried while the database is away, like the remote profile — past the local
   * retry threshold on workflow timers. The SDK retries a local activity only within a schedule-to-close timeout
   * (without one, an unlimited retry policy counts as none and the first failure is final: the fault-injection suite's
   * inventory outage found that), so an inventory away for a whole day fails the step. Retries move to workflow
   * timers after {@link #LOCAL_RETRY_THRESHOLD} instead of the SDK's minute: while a local activity retries, the
   * workflow task stays open and the workflow answers no query — a status asked during an outage timed out (10 s)
   * under load.
   */
  static final LocalActivityOptions INVENTORY_LOCAL = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(BOOKKEEPING_TIMEOUT)
      .setScheduleToCloseTimeout(Duration.ofDays(1))
      .setLocalRetryThreshold(LOCAL_RETRY_THRESHOLD)
      .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(30)).build())
      .build();

  /** Telling people: at most two attempts, so nobody is spammed. */
  static final ActivityOptions NOTIFY = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(BOOKKEEPING_TIMEOUT)
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).build())
      .build();

  /**
   * The same, as a local activity: the ACTIVE notification was the last remote activity before the workflow's result.
   * Its two attempts need a schedule-to-close timeout to be retried at all (see {@link #INVENTORY_LOCAL}).
   */
  static final LocalActivityOptions NOTIFY_LOCAL = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(BOOKKEEPING_TIMEOUT)
      .setScheduleToCloseTimeout(BOOKKEEPING_TIMEOUT.multipliedBy(3))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(2).build())
      .build();

  private ActivityProfiles() {}
}
