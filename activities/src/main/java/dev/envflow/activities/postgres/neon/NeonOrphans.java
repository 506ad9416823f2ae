package dev.envflow.activities.postgres.neon;

import dev.envflow.activities.postgres.CloudPostgres;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.sweep.NamedCloudOrphans;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the orphan sweep asks Neon: a name search per environment of the inventory, a project by id, a delete. */
final class NeonOrphans implements NamedCloudOrphans.Api {

  private final NeonPostgresProvider provider;
  private final NeonApi api;
  private final SecretStore secrets;

  NeonOrphans(NeonPostgresProvider provider, NeonApi api, SecretStore secrets) {
    this.provider = provider;
    this.api = api;
    this.secrets = secrets;
  }

  @Override
  public List<NamedCloudOrphans.Named> named(Set<String> names) {
    return names.stream().sorted().flatMap(name -> api.projectsNamed(name).stream()).map(NeonOrphans::named).toList();
  }

  @Override
  public Optional<NamedCloudOrphans.Named> find(String id, String name) {
    return api.project(id, name).map(NeonOrphans::named);
  }

  @Override
  public void delete(String id, String name) {
    provider.deleteAndWait(id, name);
  }

  @Override
  public void forgetSecrets(String name) {
    CloudPostgres.forgetConnections(secrets, name);
  }

  private static NamedCloudOrphans.Named named(NeonProject project) {
    return new NamedCloudOrphans.Named(project.name(), project.id(), project.createdAt());
  }
}
