package dev.envflow.activities.sweep;

/**
 * A resource with envflow's mark and no live inventory record, as the sweep answers it.
 *
 * @param why the mark it carries and what the inventory says about it, in words
 * @param deletable whether {@code --delete} removes it: false when only its name ties it to envflow and the inventory
 *     never recorded it, or while its environment is being worked on
 */
public record Orphan(String kind, String provider, String name, String externalId, String why, boolean deletable) {

  static Orphan of(FoundResource found, String why, boolean deletable) {
    return new Orphan(found.kind(), found.provider(), found.name(), found.externalId(), why, deletable);
  }

  Orphan because(String reason) {
    return new Orphan(kind, provider, name, externalId, reason, deletable);
  }
}
