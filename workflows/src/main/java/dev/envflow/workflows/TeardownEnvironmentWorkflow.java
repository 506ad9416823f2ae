package dev.envflow.workflows;

import dev.envflow.workflows.model.TeardownRequest;
import dev.envflow.workflows.model.TeardownResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Deletes an environment's live resources as the inventory lists them, newest first, and records each
 * deletion. Workflow id: {@code teardown-{environmentId}}.
 */
@WorkflowInterface
public interface TeardownEnvironmentWorkflow {

  String TYPE = "TeardownEnvironment";

  @WorkflowMethod(name = TYPE)
  TeardownResult teardown(TeardownRequest request);
}
