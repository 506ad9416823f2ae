package dev.envflow.activities.sweep;

import java.util.List;

/**
 * What a sweep found: resources with envflow's mark and no live inventory record ({@code orphans}), live records whose
 * resource is gone ({@code staleRecords}), and where it could not look ({@code notChecked}).
 */
public record SweepReport(List<Orphan> orphans, List<StaleRecord> staleRecords, List<NotChecked> notChecked) {

  public SweepReport {
    orphans = List.copyOf(orphans);
    staleRecords = List.copyOf(staleRecords);
    notChecked = List.copyOf(notChecked);
  }
}
