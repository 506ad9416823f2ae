package dev.envflow.activities.sweep;

import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A provider held in memory: resources by id, each with a mark, for tests of the {@link Sweeper}'s decisions. */
final class MemoryOrphanFinder implements OrphanFinder {

  private record Held(String name, Mark mark, Optional<Instant> createdAt) {}

  private final String provider;
  private final ResourceKind kind;
  private final Map<String, Held> held = new LinkedHashMap<>();
  final List<String> deleted = new ArrayList<>();
  final List<String> forgotten = new ArrayList<>();
  RuntimeException failure;

  MemoryOrphanFinder(String provider, ResourceKind kind) {
    this.provider = provider;
    this.kind = kind;
  }

  MemoryOrphanFinder hold(String name, String id, Mark mark) {
    return hold(name, id, mark, Optional.empty());
  }

  MemoryOrphanFinder hold(String name, String id, Mark mark, Optional<Instant> createdAt) {
    held.put(id, new Held(name, mark, createdAt));
    return this;
  }

  boolean holds(String id) {
    return held.containsKey(id);
  }

  Resource resource(String name, String id) {
    return new Resource(kind.name(), provider, name, id, null);
  }

  @Override
  public String provider() {
    return provider;
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(kind);
  }

  @Override
  public List<FoundResource> owned(Set<String> environmentNames) {
    if (failure != null) {
      throw failure;
    }
    List<FoundResource> found = new ArrayList<>();
    held.forEach((id, resource) -> {
      if (resource.mark() == Mark.ENVFLOW || environmentNames.contains(resource.name())) {
        found.add(new FoundResource(kind.name(), provider, resource.name(), id, resource.mark(),
            "held by " + provider, resource.createdAt()));
      }
    });
    return found;
  }

  @Override
  public Presence presence(Resource recorded) {
    return held.containsKey(recorded.externalId()) ? Presence.PRESENT : Presence.GONE;
  }

  @Override
  public void delete(FoundResource orphan) {
    held.remove(orphan.externalId());
    deleted.add(orphan.externalId());
  }

  @Override
  public void forgetSecrets(FoundResource orphan) {
    forgotten.add(orphan.name());
  }
}
