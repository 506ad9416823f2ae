package dev.envflow.worker.liveness;

import dev.envflow.workflows.Liveness;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats, while they run, for the activities whose heartbeat timeout is {@link Liveness#HEARTBEAT_TIMEOUT}: they
 * do not report progress themselves, and without heartbeats Temporal notices a killed worker only when the call's
 * start-to-close timeout passes. The heartbeat says only that this worker is alive and still running the call.
 */
public final class LivenessHeartbeatInterceptor extends WorkerInterceptorBase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LivenessHeartbeatInterceptor.class);

  private final Duration timeout;
  private final Duration every;

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "envflow-liveness-heartbeats");
    thread.setDaemon(true);
    return thread;
  });

  public LivenessHeartbeatInterceptor() {
    this(Liveness.HEARTBEAT_TIMEOUT);
  }

  /** For activities whose heartbeat timeout is {@code timeout}, a heartbeat every third of it. */
  public LivenessHeartbeatInterceptor(Duration timeout) {
    this.timeout = timeout;
    this.every = timeout.dividedBy(3);
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        if (context == null || context.getInfo().isLocal()
            || !timeout.equals(context.getInfo().getHeartbeatTimeout())) {
          return super.execute(input);
        }
        ScheduledFuture<?> beats = scheduler.scheduleAtFixedRate(() -> beat(context), every.toMillis(), every.toMillis(),
            TimeUnit.MILLISECONDS);
        try {
          return super.execute(input);
        } finally {
          beats.cancel(false);
        }
      }
    };
  }

  private static void beat(ActivityExecutionContext context) {
    try {
      context.heartbeat(null);
    } catch (RuntimeException e) {
      // cancelled or timed out: the call itself learns it from its own result; nothing to add here
      log.debug("liveness heartbeat of {} not sent: {}", context.getInfo().getActivityType(), e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
