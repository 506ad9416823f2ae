package dev.envflow.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A finished local activity leaves no timer behind once {@link LocalActivityTimers} has replaced the SDK's timer
 * executor; one made as the SDK makes its own keeps each cancelled one-day timer, and with it the workflow, queued
 * until it would fire.
 */
class LocalActivityTimersTest {

  private static final String QUEUE = "local-activity-timers";

  @ActivityInterface
  public interface Bookkeeping {
    String record(int i);
  }

  public static class Recorder implements Bookkeeping {
    @Override
    public String record(int i) {
      return "recorded " + i;
    }
  }

  @WorkflowInterface
  public interface Records {
    @WorkflowMethod
    String run(int i);
  }

  public static class RecordsImpl implements Records {
    private final Bookkeeping bookkeeping = Workflow.newLocalActivityStub(Bookkeeping.class,
        LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30))
            .setScheduleToCloseTimeout(Duration.ofDays(1)).build());

    @Override
    public String run(int i) {
      return bookkeeping.record(i);
    }
  }

  @Test
  void finishedLocalActivitiesLeaveNoTimerBehind() throws Exception {
    assertThat(timersLeftAfterTenWorkflows(true)).isEmpty();
  }

  @Test
  void anExecutorMadeAsTheSdkMakesItsKeepsTheCancelledDayLongTimers() throws Exception {
    assertThat(timersLeftAfterTenWorkflows(false)).hasSize(10);
  }

  /** The timers still queued, after ten workflows of one local activity each, that would fire in more than an hour. */
  private static List<Delayed> timersLeftAfterTenWorkflows(boolean removeCancelled) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(RecordsImpl.class);
      worker.registerActivitiesImplementations(new Recorder());
      env.start();
      if (removeCancelled) {
        LocalActivityTimers.removeCancelledTimers(worker, QUEUE).shutdown();
      } else {
        // what the SDK's Executors.newSingleThreadScheduledExecutor wraps: cancelled timers stay queued
        executorField(worker).set(localActivityWorker(worker), new ScheduledThreadPoolExecutor(1));
      }
      for (int i = 0; i < 10; i++) {
        Records workflow = env.getWorkflowClient().newWorkflowStub(Records.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build());
        assertThat(workflow.run(i)).isEqualTo("recorded " + i);
      }
      return queued(worker).stream().map(Delayed.class::cast)
          .filter(timer -> timer.getDelay(TimeUnit.HOURS) > 1).toList();
    }
  }

  private static List<Runnable> queued(Worker worker) throws ReflectiveOperationException {
    ScheduledThreadPoolExecutor timers = (ScheduledThreadPoolExecutor) executorField(worker).get(localActivityWorker(worker));
    List<Runnable> queued = List.copyOf(timers.getQueue());
    if (!timers.getRemoveOnCancelPolicy()) {
      timers.shutdownNow();
    }
    return queued;
  }

  private static Object localActivityWorker(Worker worker) throws ReflectiveOperationException {
    Object workflowWorker = field(Worker.class, "workflowWorker").get(worker);
    return field(workflowWorker.getClass(), "laWorker").get(workflowWorker);
  }

  private static Field executorField(Worker worker) throws ReflectiveOperationException {
    return field(localActivityWorker(worker).getClass(), "scheduledExecutor");
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }
}
