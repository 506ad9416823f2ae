package dev.envflow.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.workflows.model.Decision;
import dev.envflow.workflows.model.DecisionRequest;
import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.ProvisionResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Provisions one application environment, and rolls back what it created when anything fails, is
 * rejected, times out waiting for approval or is cancelled. Workflow id: {@code env-{app}-{environment}}.
 */
@WorkflowInterface
public interface ProvisionEnvironmentWorkflow {

  String TYPE = "ProvisionEnvironment";

  /**
   * Takes the spec as raw JSON (as typed into the Temporal UI) so that a malformed spec fails the
   * workflow at once with every problem listed, instead of failing to deserialize.
   */
  @WorkflowMethod(name = TYPE)
  ProvisionResult provision(JsonNode spec);

  /** Approves the production rollout; ignored unless {@code by} is a listed approver other than the requester. */
  @SignalMethod
  void approve(Decision decision);

  /** Rejects the rollout: everything created is rolled back. Ignored from anyone not allowed to decide. */
  @SignalMethod
  void reject(Decision decision);

  /** Approves or rejects, answering the caller; refused for strangers, the requester and a second decision. */
  /**
   * An approval given to an earlier run of this environment that died with its embedded Temporal server: applied
   * when the approval gate opens, if the policy still allows that approver (listed, not the requester). Sent by
   * envflow's resume on start, with the workflow's start.
   */
  @SignalMethod
  void priorApproval(Decision decision);

  @UpdateMethod
  String decide(DecisionRequest request);

  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(DecisionRequest request);

  @QueryMethod
  EnvironmentStatus status();
}
