package dev.envflow.activities.sweep;

import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.inventory.EnvironmentRecord;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.ResourceRecord;
import dev.envflow.activities.inventory.ResourceState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The inventory as one sweep sees it, read once: environments by name, resource records by environment, kind and
 * name; and the sweep's judgement of what a provider holds against it.
 */
final class InventoryView {

  private record Key(String environmentId, String kind, String name) {}

  private final Map<String, EnvironmentRecord> environments = new LinkedHashMap<>();
  private final Map<String, EnvironmentRecord> environmentsById = new LinkedHashMap<>();
  private final Map<Key, ResourceRecord> records = new LinkedHashMap<>();

  private InventoryView(List<EnvironmentRecord> environments, List<ResourceRecord> records) {
    environments.forEach(environment -> {
      this.environments.put(name(environment), environment);
      this.environmentsById.put(environment.id(), environment);
    });
    records.forEach(record -> this.records.put(key(record), record));
  }

  static InventoryView read(Inventory inventory) {
    return new InventoryView(inventory.listEnvironments(), inventory.allResources());
  }

  Set<String> environmentNames() {
    return Set.copyOf(environments.keySet());
  }

  /** Live records of environments whose provisioning or teardown has settled (a final phase). */
  List<ResourceRecord> settledLiveRecords() {
    return records.values().stream()
        .filter(record -> record.state() == ResourceState.LIVE)
        .filter(record -> Optional.ofNullable(environmentsById.get(record.environmentId()))
            .filter(environment -> environment.phase().isFinal()).isPresent())
        .toList();
  }

  /**
   * Whether {@code found} is an orphan and, if so, why and whether {@code --delete} may remove it; empty when the
   * inventory holds a live record of it at its provider.
   */
  Optional<Orphan> judge(FoundResource found) {
    EnvironmentRecord environment = environments.get(found.name());
    ResourceRecord record = records.get(new Key(found.environmentId(), found.kind(), found.name()));
    boolean sameProvider = record != null && record.resource().provider().equals(found.provider());
    if (record != null && record.state() == ResourceState.LIVE && sameProvider) {
      return Optional.empty();
    }
    StringBuilder why = new StringBuilder(found.evidence());
    if (environment == null) {
      why.append("; the inventory has no environment ").append(found.environmentId());
    } else if (record == null) {
      why.append("; the inventory records no ").append(found.kind()).append(" of ").append(found.environmentId());
    } else if (record.state() == ResourceState.LIVE) {
      why.append("; the live ").append(found.kind()).append(" of ").append(found.environmentId())
          .append(" is at provider ").append(record.resource().provider());
    } else {
      why.append("; the inventory records it deleted at ").append(record.deletedAt().map(Object::toString).orElse("?"));
    }
    if (environment != null && !environment.phase().isFinal()) {
      why.append("; left alone while ").append(found.environmentId()).append(" is ").append(environment.phase());
      return Optional.of(Orphan.of(found, why.toString(), false));
    }
    if (found.mark() == Mark.ENVFLOW) {
      return Optional.of(Orphan.of(found, why.toString(), true));
    }
    boolean proven = sameProvider && record.state() == ResourceState.DELETED && recordedThis(found, record);
    why.append(proven
        ? "; the inventory recorded this very " + found.provider() + " resource"
        : "; only its name ties it to envflow and the inventory never recorded this " + found.provider()
            + " id, so envflow cannot prove it made it: --delete leaves it");
    return Optional.of(Orphan.of(found, why.toString(), proven));
  }

  /** Whether the row is about this resource: its id, or no id yet and the resource made after the row was written. */
  private static boolean recordedThis(FoundResource found, ResourceRecord record) {
    String recordedId = record.resource().externalId();
    if (found.externalId().equals(recordedId)) {
      return true;
    }
    boolean unclaimed = recordedId == null || recordedId.equals(record.resource().name());
    return unclaimed && found.createdAt()
        .map(at -> !at.isBefore(record.createdAt().minus(ResourceOwnership.CLOCK_SKEW)))
        .orElse(false);
  }

  private static String name(EnvironmentRecord environment) {
    return environment.app() + "-" + environment.environment();
  }

  private static Key key(ResourceRecord record) {
    return new Key(record.environmentId(), record.resource().kind(), record.resource().name());
  }
}
