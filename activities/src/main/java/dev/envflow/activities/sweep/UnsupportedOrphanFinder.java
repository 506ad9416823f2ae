package dev.envflow.activities.sweep;

import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The finder of a provider that cannot list what it holds: it finds nothing and knows nothing. */
record UnsupportedOrphanFinder(String provider, Set<ResourceKind> kinds, String reason) implements OrphanFinder {

  @Override
  public Optional<String> unsupportedReason() {
    return Optional.of(reason);
  }

  @Override
  public List<FoundResource> owned(Set<String> environmentNames) {
    return List.of();
  }

  @Override
  public Presence presence(Resource recorded) {
    return Presence.UNKNOWN;
  }

  @Override
  public void delete(FoundResource orphan) {
    throw new UnsupportedOperationException(provider + " cannot delete orphans: " + reason);
  }
}
