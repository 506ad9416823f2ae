package dev.envflow.worker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.TeardownEnvironmentWorkflow;
import dev.envflow.workflows.model.ProvisionResult;
import dev.envflow.workflows.model.TeardownRequest;
import dev.envflow.workflows.model.TeardownResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starting, awaiting and tearing down environments the way the API does, straight through the Temporal client. */
final class Runs {

  static final String TASK_QUEUE = "envflow";

  /** When the last {@link #provisionMillis} call asked to start and got its result (wall clock, for the timeline). */
  static volatile long lastStartMs;
  static volatile long lastResultMs;

  private Runs() {}

  /** Starts provisioning {@code spec} (workflow id {@code env-{app}-{environment}}). */
  static String start(WorkflowClient client, JsonNode spec) {
    String id = "env-" + spec.path("app").asText() + "-" + spec.path("environment").asText();
    ProvisionEnvironmentWorkflow workflow = client.newWorkflowStub(ProvisionEnvironmentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TASK_QUEUE).build());
    WorkflowClient.start(workflow::provision, spec);
    return id;
  }

  static CompletableFuture<ProvisionResult> result(WorkflowClient client, String id) {
    return client.newUntypedWorkflowStub(id).getResultAsync(ProvisionResult.class);
  }

  /** Provisions {@code spec} and waits: the milliseconds from the start request to the result. */
  static double provisionMillis(WorkflowClient client, JsonNode spec) throws Exception {
    long started = System.nanoTime();
    lastStartMs = System.currentTimeMillis();
    String id = start(client, spec);
    ProvisionResult result = result(client, id).get(5, TimeUnit.MINUTES);
    double millis = (System.nanoTime() - started) / 1e6;
    lastResultMs = System.currentTimeMillis();
    if (!"ACTIVE".equals(result.phase().name())) {
      throw new IllegalStateException(id + " ended " + result.phase() + ": " + result.errors());
    }
    return millis;
  }

  static void tearDown(WorkflowClient client, String environmentId) throws java.util.concurrent.TimeoutException {
    TeardownEnvironmentWorkflow teardown = client.newWorkflowStub(TeardownEnvironmentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("teardown-" + environmentId).setTaskQueue(TASK_QUEUE).build());
    WorkflowClient.start(teardown::teardown, new TeardownRequest(environmentId, "bench", "benchmark cleanup"));
    WorkflowStub.fromTyped(teardown).getResult(5, TimeUnit.MINUTES, TeardownResult.class);
  }

  /** Activities run so far (every attempt), from envflow's own {@code envflow.step} timer. */
  static long activitiesRun(MeterRegistry registry) {
    return registry.find("envflow.step").timers().stream().mapToLong(Timer::count).sum();
  }

  /** CPU time this JVM has used, in nanoseconds. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Heap in use after full collections, in bytes. */
  static long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(300);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
