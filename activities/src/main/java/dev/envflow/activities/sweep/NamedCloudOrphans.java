package dev.envflow.activities.sweep;

import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The orphan finder of a cloud provider whose resources carry no mark of envflow's but their name,
 * {@code {app}-{environment}}: it lists the provider's resources named like an environment of the inventory
 * ({@link Mark#NAME}), so the sweep deletes one only when the inventory recorded that very resource. A delete looks the
 * resource up by its id first and leaves it when its name changed meanwhile.
 */
public final class NamedCloudOrphans implements OrphanFinder {

  /** One of the provider's resources: its name, its id, and when it was made (when the provider says so). */
  public record Named(String name, String id, Optional<Instant> createdAt) {}

  /** The calls the sweep makes to the provider. */
  public interface Api {

    /** The resources named exactly one of {@code names}, in the organisation or account envflow uses. */
    List<Named> named(Set<String> names);

    /** The resource with this id; empty when it is gone ({@code name} is for messages). */
    Optional<Named> find(String id, String name);

    /** Deletes the resource with this id and waits until the provider no longer shows it. */
    void delete(String id, String name);

    /** Forgets the credentials the provider kept under {@code name} in the secret store. */
    void forgetSecrets(String name);
  }

  private final String provider;
  private final ResourceKind kind;
  private final String noun;
  private final Api api;

  /** @param noun what the provider calls its resource, e.g. {@code Upstash database} */
  public NamedCloudOrphans(String provider, ResourceKind kind, String noun, Api api) {
    this.provider = provider;
    this.kind = kind;
    this.noun = noun;
    this.api = api;
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
    if (environmentNames.isEmpty()) {
      return List.of();
    }
    return api.named(environmentNames).stream()
        .filter(resource -> environmentNames.contains(resource.name()))
        .map(resource -> new FoundResource(kind.name(), provider, resource.name(), resource.id(), Mark.NAME,
            noun + " " + resource.name() + " (" + resource.id() + ") is named like environment env-" + resource.name(),
            resource.createdAt()))
        .toList();
  }

  /** A record written before the create answered has no id yet: then any resource of that name counts. */
  @Override
  public Presence presence(Resource recorded) {
    String id = recorded.externalId();
    if (id == null || id.isBlank() || id.equals(recorded.name())) {
      return api.named(Set.of(recorded.name())).stream().anyMatch(found -> found.name().equals(recorded.name()))
          ? Presence.PRESENT : Presence.GONE;
    }
    return api.find(id, recorded.name()).isPresent() ? Presence.PRESENT : Presence.GONE;
  }

  @Override
  public void delete(FoundResource orphan) {
    Optional<Named> current = api.find(orphan.externalId(), orphan.name());
    if (current.isEmpty()) {
      return;
    }
    if (!orphan.name().equals(current.get().name())) {
      throw new IllegalStateException(noun + " " + orphan.externalId() + " is now named " + current.get().name()
          + ", no longer " + orphan.name() + ": left alone");
    }
    api.delete(orphan.externalId(), orphan.name());
  }

  @Override
  public void forgetSecrets(FoundResource orphan) {
    api.forgetSecrets(orphan.name());
  }
}
