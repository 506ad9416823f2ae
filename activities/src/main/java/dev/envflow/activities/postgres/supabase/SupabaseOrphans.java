package dev.envflow.activities.postgres.supabase;

import dev.envflow.activities.postgres.CloudPostgres;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.sweep.NamedCloudOrphans;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the orphan sweep asks Supabase: every project the token sees (one list call; those being removed do not count),
 * a project by ref, a delete.
 */
final class SupabaseOrphans implements NamedCloudOrphans.Api {

  private final SupabasePostgresProvider provider;
  private final SupabaseApi api;
  private final SecretStore secrets;

  SupabaseOrphans(SupabasePostgresProvider provider, SupabaseApi api, SecretStore secrets) {
    this.provider = provider;
    this.api = api;
    this.secrets = secrets;
  }

  @Override
  public List<NamedCloudOrphans.Named> named(Set<String> names) {
    return api.projects("the orphan sweep").stream()
        .filter(project -> names.contains(project.name()) && !project.goingAway())
        .map(SupabaseOrphans::named)
        .toList();
  }

  @Override
  public Optional<NamedCloudOrphans.Named> find(String ref, String name) {
    return api.project(ref, name).filter(project -> !SupabaseProject.REMOVED.equals(project.status()))
        .map(SupabaseOrphans::named);
  }

  @Override
  public void delete(String ref, String name) {
    provider.deleteAndWait(ref, name);
  }

  @Override
  public void forgetSecrets(String name) {
    CloudPostgres.forgetConnections(secrets, name);
  }

  private static NamedCloudOrphans.Named named(SupabaseProject project) {
    return new NamedCloudOrphans.Named(project.name(), project.ref(), project.createdAt());
  }
}
