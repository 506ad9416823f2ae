package dev.envflow.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.List;

/**
 * Who must approve a rollout, and how long they have.
 *
 * @param timeout an ISO-8601 duration such as {@code PT72H}; running out counts as rejection
 * @param quorum how many distinct listed approvers must approve (default 1); one rejection is enough to reject
 * @param remindBefore when to remind the approvers before the timeout runs out (ISO-8601); null means a quarter
 *     of the timeout
 */
public record ApprovalSpec(boolean required, List<String> approvers, String timeout, int quorum, String remindBefore) {

  public ApprovalSpec {
    quorum = quorum < 1 ? 1 : quorum;
  }

  public ApprovalSpec(boolean required, List<String> approvers, String timeout) {
    this(required, approvers, timeout, 1, null);
  }

  /** How long before the timeout the approvers are reminded. */
  @JsonIgnore
  public Duration reminderLead() {
    return remindBefore == null ? Duration.parse(timeout).dividedBy(4) : Duration.parse(remindBefore);
  }
}
