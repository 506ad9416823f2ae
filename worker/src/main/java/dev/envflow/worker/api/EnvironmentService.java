package dev.envflow.worker.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.inventory.EnvironmentRecord;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.InventoryException;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.TeardownEnvironmentWorkflow;
import dev.envflow.workflows.model.Decision;
import dev.envflow.workflows.model.DecisionRequest;
import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.TeardownRequest;
import dev.envflow.workflows.spec.ParsedSpec;
import dev.envflow.workflows.spec.SpecParser;
import dev.envflow.worker.config.EnvflowProperties;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** What the REST API and {@code envflow up} do with environments, on top of Temporal and the inventory. */
@Service
public class EnvironmentService {

  private static final java.time.Duration FINISHING_WAIT = java.time.Duration.ofSeconds(30);
  /** How a status says that the inventory could not be read (followed by the reason and a closing parenthesis). */
  static final String INVENTORY_UNREADABLE = "not read: the inventory is unreachable (";
  /** How a status says that the workflow was too busy to answer in time. */
  static final String WORKFLOW_BUSY = "not read: the steps and the approval (the workflow was busy with a workflow"
      + " task); phase and resources are the inventory's";
  /** The same, when the workflow's last answer in this process gives the steps and approval (seconds ago). */
  static final String WORKFLOW_BUSY_EARLIER = "steps and approval as the workflow answered %d s ago (it is busy with"
      + " a workflow task now); phase and resources are the inventory's";
  /** How a status says that a workflow just started was too busy to answer in time. */
  static final String WORKFLOW_STARTING = "not read: the steps (the workflow was busy with its first workflow task);"
      + " it has started and recorded nothing yet";
  /** How long a status waits for the workflow's query before a running provisioning is answered from the inventory. */
  static final java.time.Duration QUERY_PATIENCE = java.time.Duration.ofSeconds(1);

  private final WorkflowClient client;
  private final Inventory inventory;
  private final String taskQueue;
  private final LastAnswers lastAnswers = new LastAnswers();
  /** The status queries' threads: one that outlives its {@link #QUERY_PATIENCE} finishes here. */
  private final java.util.concurrent.ExecutorService queries = java.util.concurrent.Executors.newFixedThreadPool(16,
      runnable -> {
        Thread thread = new Thread(runnable, "envflow-status-query");
        thread.setDaemon(true);
        return thread;
      });

  public EnvironmentService(WorkflowClient client, Inventory inventory, EnvflowProperties properties) {
    this.client = client;
    this.inventory = inventory;
    this.taskQueue = properties.taskQueue();
  }

  @jakarta.annotation.PreDestroy
  void stopQueries() {
    queries.shutdownNow();
  }

  /**
   * Starts provisioning as {@code requester} (the authenticated user replaces any {@code requestedBy} in the
   * body); refuses bad input (nothing started) and a second start of a running environment.
   */
  public String provision(JsonNode body, String requester) {
    JsonNode specJson = body;
    if (body instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      specJson = object.deepCopy().put("requestedBy", requester);
    }
    return provision(specJson);
  }

  /** Starts provisioning the spec as written (for {@code envflow up}, whose user is the machine's owner). */
  public String provision(JsonNode specJson) {
    ParsedSpec parsed = validate(specJson);
    String id = parsed.spec().id();
    ProvisionEnvironmentWorkflow workflow = client.newWorkflowStub(
        ProvisionEnvironmentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(taskQueue).build());
    try {
      WorkflowClient.start(workflow::provision, specJson);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ApiException(409, id + " is already being provisioned; follow it with `envflow status " + id + "`");
    }
    return id;
  }

  /**
   * Starts the provisioning of an environment whose workflow was lost, handing it the approvals its lost run had
   * already been given (the workflow counts them again if its policy still allows their approvers).
   */
  public String resume(JsonNode specJson, List<Decision> priorApprovals) {
    String id = provision(specJson);
    ProvisionEnvironmentWorkflow workflow = client.newWorkflowStub(ProvisionEnvironmentWorkflow.class, id);
    priorApprovals.forEach(workflow::priorApproval);
    return id;
  }

  public EnvironmentPlan plan(JsonNode specJson) {
    return PlanBuilder.plan(validate(specJson).spec());
  }

  private static ParsedSpec validate(JsonNode specJson) {
    ParsedSpec parsed = SpecParser.parse(specJson);
    if (!parsed.valid()) {
      throw new InvalidSpecException(parsed.errors());
    }
    return parsed;
  }

  /**
   * The live status from the workflow, or what the inventory knows once Temporal no longer has it. Either may be
   * away: while the inventory is unreachable the workflow's own status answers (its errors say what could not be
   * read); while the workflow cannot answer, the inventory's. 503 only when neither can. A running provisioning whose
   * workflow is too busy to answer within {@link #QUERY_PATIENCE} is answered from the inventory ({@link #busyView}).
   */
  public EnvironmentStatus status(String id) {
    EnvironmentStatus live;
    try {
      live = busyAware(id);
    } catch (WorkflowNotFoundException e) {
      return inventoryStatus(id, null);
    } catch (io.temporal.client.WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return inventoryStatus(id, null);
      }
      return inventoryStatus(id, "the workflow could not answer (" + rootMessage(e) + "): this is the inventory's view");
    } catch (io.temporal.client.WorkflowQueryException e) {
      return inventoryStatus(id, "the workflow could not answer (" + rootMessage(e) + "): this is the inventory's view");
    }
    return live;
  }

  /**
   * The workflow's {@code status} query, given {@link #QUERY_PATIENCE}: a query waits until the workflow's current
   * workflow task has finished, which takes seconds when the worker is loaded and the task runs local activities (the
   * inventory's bookkeeping). When it has not answered by then, {@link #busyView} answers if it can; otherwise this
   * waits for the query.
   */
  private EnvironmentStatus busyAware(String id) {
    java.util.concurrent.CompletableFuture<EnvironmentStatus> query = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> client.newWorkflowStub(ProvisionEnvironmentWorkflow.class, id).status(), queries);
    // also an answer that comes after the busy fallback: the next status shows its steps
    query.thenAccept(answer -> lastAnswers.remember(answer, System.currentTimeMillis()));
    try {
      try {
        EnvironmentStatus answer = query.get(QUERY_PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        lastAnswers.remember(answer, System.currentTimeMillis());
        return afterTeardown(answer);
      } catch (java.util.concurrent.TimeoutException slow) {
        Optional<EnvironmentStatus> busy = busyView(id);
        return busy.isPresent() ? busy.get() : afterTeardown(query.get());
      }
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "interrupted while asking the workflow of " + id);
    }
  }

  /**
   * A busy provisioning's status without its workflow: the inventory's phase and live resources while it says the
   * provisioning runs (and is not waiting for an approval — then the workflow is idle and answers at once), with the
   * steps and approval of the workflow's last answer in this process when there is one ({@link LastAnswers}); before
   * the workflow has recorded anything, {@code VALIDATING} while Temporal says it runs. Empty when the workflow's own
   * answer must be waited for (a final phase, an approval, a workflow that has ended, an unreachable inventory).
   */
  private Optional<EnvironmentStatus> busyView(String id) {
    try {
      Optional<EnvironmentRecord> record = inventory.findEnvironment(id);
      if (record.isEmpty()) {
        return provisioningStatus(id).filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
            .map(running -> new EnvironmentStatus(id, Phase.VALIDATING, List.of(), List.of(), null,
                List.of(WORKFLOW_STARTING)));
      }
      Phase phase = record.get().phase();
      if (phase.isFinal() || phase == Phase.AWAITING_APPROVAL || phase == Phase.TEARING_DOWN) {
        return Optional.empty();
      }
      Optional<LastAnswers.Answer> last = lastAnswers.recall(id);
      if (last.isEmpty()) {
        return Optional.of(new EnvironmentStatus(id, phase, List.of(), inventory.liveResources(id), null,
            List.of(WORKFLOW_BUSY)));
      }
      long secondsAgo = (System.currentTimeMillis() - last.get().atMillis()) / 1000;
      return Optional.of(new EnvironmentStatus(id, phase, last.get().status().steps(), inventory.liveResources(id),
          last.get().status().approval(), List.of(String.format(WORKFLOW_BUSY_EARLIER, secondsAgo))));
    } catch (InventoryException e) {
      return Optional.empty();
    }
  }

  /**
   * Once torn down, the provisioning's own status is history: the inventory's phase and resources win. Only an
   * environment whose provisioning reached a final phase can be torn down, so the inventory is read only then.
   */
  private EnvironmentStatus afterTeardown(EnvironmentStatus status) {
    if (status.phase() == null || !status.phase().isFinal()) {
      return status;
    }
    Optional<EnvironmentRecord> record;
    try {
      record = inventory.findEnvironment(status.environmentId())
          .filter(r -> r.phase() == Phase.TEARING_DOWN || r.phase() == Phase.TORN_DOWN);
      if (record.isEmpty()) {
        return status;
      }
      return new EnvironmentStatus(status.environmentId(), record.get().phase(), status.steps(),
          inventory.liveResources(status.environmentId()), status.approval(), status.errors());
    } catch (InventoryException e) {
      List<String> errors = new java.util.ArrayList<>(status.errors() == null ? List.of() : status.errors());
      errors.add(INVENTORY_UNREADABLE + rootMessage(e) + "); phase and resources are the workflow's own, a teardown"
          + " since would not show");
      return new EnvironmentStatus(status.environmentId(), status.phase(), status.steps(), status.resources(),
          status.approval(), List.copyOf(errors));
    }
  }

  /**
   * What the inventory knows when Temporal has no workflow: for an environment left mid-way, that nothing runs
   * it now, what will happen to it, and the command that tears it down. {@code workflowNote}: why the workflow did
   * not answer, when it exists but could not; null when Temporal has none.
   */
  private EnvironmentStatus inventoryStatus(String id, String workflowNote) {
    EnvironmentRecord record;
    List<Resource> resources;
    try {
      record = inventory.findEnvironment(id).orElseThrow(() -> new ApiException(404, "no environment " + id));
      resources = inventory.liveResources(id);
    } catch (InventoryException e) {
      throw new ApiException(503, "cannot read " + id + ": " + (workflowNote == null ? "Temporal has no workflow "
          + "for it and " : workflowNote.replace(": this is the inventory's view", "") + " and ")
          + INVENTORY_UNREADABLE.trim() + rootMessage(e) + ")");
    }
    List<String> notes = new java.util.ArrayList<>();
    if (workflowNote != null) {
      notes.add(workflowNote);
    } else if (!record.phase().isFinal()) {
      notes.add("no workflow is running " + id + " now (it was "
          + record.phase() + " when its workflow was lost); envflow resumes it when it starts again with the embedded"
          + " Temporal server, or tear it down: envflow teardown " + id);
    }
    return new EnvironmentStatus(id, record.phase(), List.of(), resources, null, List.copyOf(notes));
  }

  /** Approves or rejects through the workflow's {@code decide} update: the answer is the workflow's own. */
  public String decide(String id, DecisionRequest request) {
    try {
      return client.newWorkflowStub(ProvisionEnvironmentWorkflow.class, id).decide(request);
    } catch (WorkflowNotFoundException e) {
      throw inventory.findEnvironment(id)
          .map(record -> new ApiException(409, id + " is " + record.phase() + "; nothing waits for a decision"))
          .orElseGet(() -> new ApiException(404, "no environment " + id));
    } catch (WorkflowUpdateException e) {
      throw new ApiException(409, rootMessage(e));
    } catch (io.temporal.client.WorkflowServiceException e) {
      throw new ApiException(409, "no provisioning of " + id + " is waiting for a decision (" + rootMessage(e) + ")");
    }
  }

  /**
   * Tears an environment down: a provisioning still running is cancelled (its rollback deletes what it
   * made); otherwise {@code TeardownEnvironment} deletes what the inventory lists.
   */
  public String teardown(String id, String requestedBy) {
    Optional<WorkflowExecutionStatus> running = provisioningStatus(id);
    if (running.isPresent() && running.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        && !finishing(id)) {
      client.newUntypedWorkflowStub(id).cancel();
      return "provisioning of " + id + " cancelled; what it created is being rolled back";
    }
    if (inventory.findEnvironment(id).isEmpty()) {
      throw new ApiException(404, "no environment " + id);
    }
    String teardownId = "teardown-" + id;
    TeardownEnvironmentWorkflow workflow = client.newWorkflowStub(
        TeardownEnvironmentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(teardownId).setTaskQueue(taskQueue).build());
    try {
      WorkflowClient.start(workflow::teardown, new TeardownRequest(id, requestedBy, "requested through the API"));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ApiException(409, "a teardown of " + id + " is already running");
    }
    return "teardown of " + id + " started (workflow " + teardownId + ")";
  }

  /**
   * Whether a running provisioning has already reached its final phase and is only finishing (e.g. telling people
   * it is ACTIVE): then teardown waits for it to end instead of cancelling — an ACTIVE environment is torn down,
   * not rolled back.
   */
  private boolean finishing(String id) {
    try {
      ProvisionEnvironmentWorkflow workflow = client.newWorkflowStub(ProvisionEnvironmentWorkflow.class, id);
      if (!workflow.status().phase().isFinal()) {
        return false;
      }
      WorkflowStub.fromTyped(workflow).getResult(FINISHING_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS,
          JsonNode.class);
      return true;
    } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
      return provisioningStatus(id).filter(s -> s != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).isPresent();
    }
  }

  /** Whether a workflow (provisioning or teardown) of this environment is running now. */
  public boolean hasRunningWorkflow(String id) {
    return provisioningStatus(id).filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).isPresent()
        || provisioningStatus("teardown-" + id).filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
            .isPresent();
  }

  private Optional<WorkflowExecutionStatus> provisioningStatus(String id) {
    try {
      WorkflowStub stub = client.newUntypedWorkflowStub(id);
      return Optional.of(stub.describe().getStatus());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (io.temporal.client.WorkflowServiceException e) {
      return Optional.empty();
    }
  }

  /** The environment's audit log, oldest first: {@code [{"at", "action", "actor", "reason"}]}. */
  public List<java.util.Map<String, Object>> audit(String id) {
    if (inventory.findEnvironment(id).isEmpty() && inventory.auditLog(id).isEmpty()) {
      throw new ApiException(404, "no environment " + id);
    }
    return inventory.auditLog(id).stream().map(entry -> {
      java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put("at", entry.at().toString());
      row.put("action", entry.action());
      row.put("actor", entry.actor());
      row.put("reason", entry.reason());
      return row;
    }).toList();
  }

  public List<EnvironmentRecord> list() {
    return inventory.listEnvironments();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure failure ? failure.getOriginalMessage() : cause.getMessage();
  }
}
