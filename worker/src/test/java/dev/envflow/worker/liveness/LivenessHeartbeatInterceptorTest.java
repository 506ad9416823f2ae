package dev.envflow.worker.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An activity that reports nothing itself keeps running past its heartbeat timeout when the worker heartbeats for
 * it, and times out without: so a killed worker's call is retried after the heartbeat timeout, not after its
 * start-to-close timeout.
 */
class LivenessHeartbeatInterceptorTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @ActivityInterface
  public interface SlowActivity {
    String slowly();
  }

  public static class Slow implements SlowActivity {
    @Override
    public String slowly() {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "done";
    }
  }

  @WorkflowInterface
  public interface CallsIt {
    @WorkflowMethod
    String call();
  }

  public static class CallsItImpl implements CallsIt {
    private final SlowActivity activity = Workflow.newActivityStub(SlowActivity.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setHeartbeatTimeout(TIMEOUT)
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());

    @Override
    public String call() {
      return activity.slowly();
    }
  }

  @Test
  void aCallThatReportsNothingOutlivesItsHeartbeatTimeoutWhileTheWorkerHeartbeats() {
    try (LivenessHeartbeatInterceptor heartbeats = new LivenessHeartbeatInterceptor(TIMEOUT)) {
      assertThat(run(heartbeats)).isEqualTo("done");
    }
  }

  @Test
  void withoutTheWorkersHeartbeatsTheSameCallTimesOut() {
    Throwable thrown = catchThrowable(() -> run(null));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(thrown.getCause()).isInstanceOf(ActivityFailure.class);
    assertThat(thrown.getCause().getCause()).isInstanceOf(TimeoutFailure.class);
  }

  private static String run(LivenessHeartbeatInterceptor heartbeats) {
    WorkerFactoryOptions.Builder factory = WorkerFactoryOptions.newBuilder();
    if (heartbeats != null) {
      factory.setWorkerInterceptors(heartbeats);
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkerFactoryOptions(factory.build()).setUseTimeskipping(false).build())) {
      Worker worker = env.newWorker("liveness");
      worker.registerWorkflowImplementationTypes(CallsItImpl.class);
      worker.registerActivitiesImplementations(new Slow());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      return client.newWorkflowStub(CallsIt.class, WorkflowOptions.newBuilder().setTaskQueue("liveness").build()).call();
    }
  }
}
