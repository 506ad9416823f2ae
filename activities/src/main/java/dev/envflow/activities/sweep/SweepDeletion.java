package dev.envflow.activities.sweep;

import java.util.List;

/**
 * What {@code sweep --delete} did: the orphans it deleted, those it left (with why), those whose delete failed (with
 * the provider's message), the stale records it marked deleted in the inventory (their resources were already gone),
 * and where it could not look.
 */
public record SweepDeletion(
    List<Orphan> deleted, List<Orphan> kept, List<Orphan> failed, List<StaleRecord> recordsMarkedDeleted,
    List<NotChecked> notChecked) {

  public SweepDeletion {
    deleted = List.copyOf(deleted);
    kept = List.copyOf(kept);
    failed = List.copyOf(failed);
    recordsMarkedDeleted = List.copyOf(recordsMarkedDeleted);
    notChecked = List.copyOf(notChecked);
  }
}
