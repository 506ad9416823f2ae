package dev.envflow.workflows.model;

/**
 * Something envflow created (or adopted) for an environment. Never carries a password: {@code location}
 * is a credential-free address (e.g. {@code postgresql://127.0.0.1:5432/synckairos_staging}), and the
 * credentials stay with the worker's secret store, found by {@code name}.
 *
 * @param kind one of {@link ResourceKind}'s names
 * @param provider the spec's provider string, e.g. {@code local}
 * @param name the deterministic name derived from app and environment
 * @param externalId the provider's own id, when it has one (equal to {@code name} otherwise)
 * @param location where it lives, without secrets
 */
public record Resource(String kind, String provider, String name, String externalId, String location) {

  /** A reference to a resource before it exists: what a compensation deletes if the create got that far. */
  public static Resource planned(ResourceKind kind, String provider, String name) {
    return new Resource(kind.name(), provider, name, name, null);
  }

  public ResourceKind resourceKind() {
    return ResourceKind.valueOf(kind);
  }
}
