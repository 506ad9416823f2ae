package dev.envflow.activities.sweep;

import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one provider can tell the orphan sweep ({@link Sweeper}): the resources it holds that carry envflow's mark,
 * whether a resource the inventory records still exists, and how to delete one orphan. A provider that cannot list
 * what it holds answers {@link #unsupported}: the sweep then says it could not look there. Nothing here consults the
 * inventory: deciding what is an orphan is the sweep's job.
 */
public interface OrphanFinder {

  /** The spec's provider name, e.g. {@code local} or {@code upstash}. */
  String provider();

  /** The resource kinds this provider makes, e.g. {@code REDIS_USER}; the sweep matches inventory records on them. */
  Set<ResourceKind> kinds();

  /** Why this provider cannot be swept; empty when it can. */
  default Optional<String> unsupportedReason() {
    return Optional.empty();
  }

  /**
   * The resources this provider holds that carry envflow's mark, whether or not the inventory records them.
   *
   * @param environmentNames the name ({@code {app}-{environment}}) of every environment the inventory knows, for
   *     providers whose only mark is that name
   */
  List<FoundResource> owned(Set<String> environmentNames);

  /** Whether the resource an inventory record describes still exists at the provider. */
  Presence presence(Resource recorded);

  /**
   * Deletes exactly {@code orphan}, after checking that it still carries the mark it was found with; what is
   * already gone is fine. It never touches the secret store (see {@link #forgetSecrets}) and never anything
   * without envflow's mark.
   */
  void delete(FoundResource orphan);

  /**
   * Forgets what the provider kept in the secret store under the orphan's name. The sweep calls it only when no live
   * inventory record of that kind and name remains, since another provider's live resource of the same name keeps
   * its credentials under the same key.
   */
  default void forgetSecrets(FoundResource orphan) {}

  /** A finder for a provider that cannot list what it holds: the sweep reports {@code reason} and skips it. */
  static OrphanFinder unsupported(String provider, Set<ResourceKind> kinds, String reason) {
    return new UnsupportedOrphanFinder(provider, Set.copyOf(kinds), reason);
  }
}
