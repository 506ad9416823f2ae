package dev.envflow.worker.config;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Lets a finished local activity's timers go.
 *
 * <p>The SDK (1.38) arms a schedule-to-close and a start-to-close timer for every local activity on a
 * {@link ScheduledThreadPoolExecutor} of each worker, and cancels them when the activity completes — but that
 * executor keeps a cancelled timer in its queue until the moment it would have fired. envflow's inventory writes are
 * local activities with a one-day schedule-to-close timeout ({@code ActivityProfiles.INVENTORY_LOCAL}, so that an
 * inventory outage is waited out): each environment left 13 dead timers and their activity contexts, about 1–2 KB,
 * queued for a day — a heap that grew with a day's throughput — and the scheduler's thread woke for each cancelled
 * 30-second timer (docs/BENCHMARKS.md, figure 4).
 *
 * <p>This starts the worker factory itself, just before the Temporal starter would, and gives each worker's local
 * activity worker an executor that removes a cancelled timer at once. The SDK keeps that executor in a private field,
 * so this reaches it by reflection; if an SDK upgrade moves it, envflow says so once and runs as before, and
 * {@code envflow.worker.remove-cancelled-local-activity-timers=false} leaves the SDK's executor alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnProperty(name = "spring.temporal.start-workers", havingValue = "true", matchIfMissing = true)
@ConditionalOnProperty(name = "envflow.worker.remove-cancelled-local-activity-timers", havingValue = "true",
    matchIfMissing = true)
public class LocalActivityTimers implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(LocalActivityTimers.class);

  private final WorkerFactory factory;
  private final List<ScheduledExecutorService> replaced = new ArrayList<>();

  public LocalActivityTimers(WorkerFactory factory) {
    this.factory = factory;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    factory.start();
    try {
      for (Map.Entry<String, Worker> worker : workers(factory).entrySet()) {
        replaced.add(removeCancelledTimers(worker.getValue(), worker.getKey()));
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("Could not make the Temporal SDK's local activity timers removable ({}): finished local activities keep"
          + " their workflows in memory until their timeouts would have passed", e.toString());
    }
  }

  /** The executors the SDK made; a timer armed on one in the instant before it was replaced still fires there. */
  @Override
  public void destroy() {
    replaced.forEach(ScheduledExecutorService::shutdownNow);
  }

  /**
   * Replaces the local activity timer executor of {@code worker} with one that drops cancelled timers; returns the
   * SDK's, which is left running for what it already holds.
   */
  static ScheduledExecutorService removeCancelledTimers(Worker worker, String taskQueue)
      throws ReflectiveOperationException {
    Object workflowWorker = field(Worker.class, "workflowWorker").get(worker);
    Object localActivityWorker = field(workflowWorker.getClass(), "laWorker").get(workflowWorker);
    Field executorField = field(localActivityWorker.getClass(), "scheduledExecutor");
    ScheduledExecutorService sdk = (ScheduledExecutorService) executorField.get(localActivityWorker);
    if (sdk == null) {
      throw new IllegalStateException("the local activity worker of " + taskQueue + " has not started");
    }
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "LocalActivityScheduler-" + taskQueue);
      thread.setDaemon(true);
      return thread;
    });
    timers.setRemoveOnCancelPolicy(true);
    executorField.set(localActivityWorker, timers);
    return sdk;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Worker> workers(WorkerFactory factory) throws ReflectiveOperationException {
    return (Map<String, Worker>) field(WorkerFactory.class, "workers").get(factory);
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }
}
