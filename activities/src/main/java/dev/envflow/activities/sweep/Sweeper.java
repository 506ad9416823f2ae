package dev.envflow.activities.sweep;

import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.ResourceRecord;
import dev.envflow.activities.inventory.ResourceState;
import dev.envflow.workflows.model.ResourceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orphan sweep: compares what each provider holds with envflow's mark against the inventory. It finds resources
 * with the mark and no live record (orphans), and live records whose resource is gone (stale records). It runs in the
 * API's process, not as an activity: an admin asks, it answers. Deleting removes the deletable orphans, one by one,
 * each checked again just before, and marks stale records deleted; every removal is audited.
 */
public final class Sweeper {

  /** The audit action of an orphan the sweep deleted. */
  public static final String ORPHAN_DELETED = "orphan_deleted";
  /** The audit action of a stale record the sweep marked deleted. */
  public static final String RECORD_MARKED_DELETED = "stale_record_marked_deleted";

  private static final Logger log = LoggerFactory.getLogger(Sweeper.class);
  private static final Comparator<Orphan> ORPHAN_ORDER =
      Comparator.comparing(Orphan::name).thenComparing(Orphan::kind).thenComparing(Orphan::provider);

  private record Candidate(Orphan orphan, FoundResource found, OrphanFinder finder) {}

  private record Survey(List<Candidate> orphans, List<StaleRecord> staleRecords, List<NotChecked> notChecked) {
    SweepReport report() {
      return new SweepReport(orphans.stream().map(Candidate::orphan).toList(), staleRecords, notChecked);
    }
  }

  private final Inventory inventory;
  private final List<OrphanFinder> finders;

  public Sweeper(Inventory inventory, List<OrphanFinder> finders) {
    this.inventory = inventory;
    this.finders = List.copyOf(finders);
  }

  /** Looks, changes nothing. */
  public SweepReport sweep() {
    return survey().report();
  }

  /**
   * Sweeps again, then deletes each deletable orphan whose environment {@code busy} does not name, and marks each
   * stale record deleted in the inventory (its resource is gone already). Audited as {@code actor}.
   *
   * @param busy whether a workflow is working on an environment (by id) now: its orphans and records are left
   */
  public SweepDeletion delete(String actor, Predicate<String> busy) {
    return delete(actor, busy, orphan -> true, record -> true);
  }

  /**
   * As {@link #delete(String, Predicate)}, limited to the orphans and stale records the caller listed and confirmed:
   * an orphan found since is left (and said so), a record found since is left for the next sweep.
   */
  public synchronized SweepDeletion delete(String actor, Predicate<String> busy, Predicate<Orphan> confirmedOrphans,
      Predicate<StaleRecord> confirmedRecords) {
    Survey survey = survey();
    List<Orphan> deleted = new ArrayList<>();
    List<Orphan> kept = new ArrayList<>();
    List<Orphan> failed = new ArrayList<>();
    for (Candidate candidate : survey.orphans()) {
      Orphan orphan = candidate.orphan();
      FoundResource found = candidate.found();
      if (!orphan.deletable()) {
        kept.add(orphan);
      } else if (!confirmedOrphans.test(orphan)) {
        kept.add(orphan.because(orphan.why() + "; not in the list given to delete: left for the next sweep"));
      } else if (busy.test(found.environmentId()) || isRecordedLive(found)) {
        kept.add(orphan.because(orphan.why() + "; a workflow of " + found.environmentId()
            + " is working on it now: left for the next sweep"));
      } else {
        try {
          candidate.finder().delete(found);
        } catch (RuntimeException e) {
          failed.add(orphan.because("delete failed: " + SafeMessages.of(e)));
          continue;
        }
        inventory.recordAudit(found.environmentId(), ORPHAN_DELETED, actor, describe(orphan));
        log.info("orphan sweep: deleted {} {} {} ({}) as {}", orphan.kind(), orphan.provider(), orphan.name(),
            orphan.externalId(), actor);
        deleted.add(orphan);
        forgetSecrets(candidate);
      }
    }
    List<StaleRecord> marked = new ArrayList<>();
    for (StaleRecord stale : survey.staleRecords()) {
      if (busy.test(stale.environmentId()) || !confirmedRecords.test(stale) || !stillRecordedAsSurveyed(stale)) {
        continue;
      }
      inventory.recordResourceDeleted(stale.environmentId(), stale.resource());
      inventory.recordAudit(stale.environmentId(), RECORD_MARKED_DELETED, actor,
          stale.kind() + " " + stale.provider() + " " + stale.name() + " (" + stale.externalId() + "): " + stale.why());
      marked.add(stale);
    }
    return new SweepDeletion(deleted, kept, failed, marked, survey.notChecked());
  }

  private Survey survey() {
    InventoryView view = InventoryView.read(inventory);
    List<Candidate> orphans = new ArrayList<>();
    List<NotChecked> notChecked = new ArrayList<>();
    for (OrphanFinder finder : finders) {
      Optional<String> unsupported = finder.unsupportedReason();
      if (unsupported.isPresent()) {
        notChecked.add(new NotChecked(finder.provider(), kinds(finder), unsupported.get()));
        continue;
      }
      try {
        for (FoundResource found : finder.owned(view.environmentNames())) {
          view.judge(found).ifPresent(orphan -> orphans.add(new Candidate(orphan, found, finder)));
        }
      } catch (RuntimeException e) {
        notChecked.add(new NotChecked(finder.provider(), kinds(finder), "could not list: " + SafeMessages.of(e)));
      }
    }
    orphans.sort(Comparator.comparing(Candidate::orphan, ORPHAN_ORDER));
    List<StaleRecord> stale = new ArrayList<>();
    for (ResourceRecord record : view.settledLiveRecords()) {
      presenceOf(record, notChecked).filter(presence -> presence == Presence.GONE).ifPresent(gone ->
          stale.add(StaleRecord.of(record.environmentId(), record.resource(), "the inventory records it live since "
              + record.createdAt() + ", but " + record.resource().provider() + " no longer has it")));
    }
    return new Survey(orphans, stale, notChecked);
  }

  /** The presence of a recorded resource; empty (and said in {@code notChecked}) when nobody here can tell. */
  private Optional<Presence> presenceOf(ResourceRecord record, List<NotChecked> notChecked) {
    String provider = record.resource().provider();
    ResourceKind kind = record.resource().resourceKind();
    Optional<OrphanFinder> finder = finders.stream()
        .filter(candidate -> candidate.provider().equals(provider) && candidate.kinds().contains(kind))
        .findFirst();
    String what = kind + " " + record.resource().name() + " of " + record.environmentId();
    if (finder.isEmpty()) {
      notChecked.add(new NotChecked(provider, kind.name(), "this envflow does not serve " + provider + " for " + kind
          + ": cannot tell whether " + what + " still exists"));
      return Optional.empty();
    }
    if (finder.get().unsupportedReason().isPresent()) {
      return Optional.empty();
    }
    try {
      Presence presence = finder.get().presence(record.resource());
      if (presence == Presence.UNKNOWN) {
        notChecked.add(new NotChecked(provider, kind.name(), "cannot tell whether " + what + " still exists"));
        return Optional.empty();
      }
      return Optional.of(presence);
    } catch (RuntimeException e) {
      notChecked.add(new NotChecked(provider, kind.name(), "could not look for " + what + ": " + SafeMessages.of(e)));
      return Optional.empty();
    }
  }

  /**
   * Forgets the orphan's stored credentials unless a live record of that kind and name remains (another provider's
   * resource of the same name keeps its credentials under the same key). A failure here is logged, not fatal: the
   * resource is gone already.
   */
  private void forgetSecrets(Candidate candidate) {
    FoundResource found = candidate.found();
    try {
      if (liveRecord(found).isEmpty()) {
        candidate.finder().forgetSecrets(found);
      }
    } catch (RuntimeException e) {
      log.warn("orphan sweep: {} {} {} deleted, but its stored credentials could not be forgotten: {}", found.kind(),
          found.provider(), found.name(), SafeMessages.of(e));
    }
  }

  /** Whether a live record of the orphan itself (same kind, name and provider) appeared since the survey. */
  private boolean isRecordedLive(FoundResource found) {
    return liveRecord(found).filter(record -> record.resource().provider().equals(found.provider())).isPresent();
  }

  /** Whether the stale record is still live as surveyed: a provisioning since may have recorded it anew. */
  private boolean stillRecordedAsSurveyed(StaleRecord stale) {
    return inventory.findResource(stale.environmentId(), stale.kind(), stale.name())
        .filter(record -> record.state() == ResourceState.LIVE)
        .filter(record -> record.resource().provider().equals(stale.provider()))
        .filter(record -> Objects.equals(record.resource().externalId(), stale.externalId()))
        .isPresent();
  }

  private Optional<ResourceRecord> liveRecord(FoundResource found) {
    return inventory.findResource(found.environmentId(), found.kind(), found.name())
        .filter(record -> record.state() == ResourceState.LIVE);
  }

  private static String kinds(OrphanFinder finder) {
    return finder.kinds().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  private static String describe(Orphan orphan) {
    return orphan.kind() + " " + orphan.provider() + " " + orphan.name() + " (" + orphan.externalId() + "): "
        + orphan.why();
  }
}
