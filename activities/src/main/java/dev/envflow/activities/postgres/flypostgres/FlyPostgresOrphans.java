package dev.envflow.activities.postgres.flypostgres;

import dev.envflow.activities.postgres.CloudPostgres;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.sweep.NamedCloudOrphans;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the orphan sweep asks Fly: the organization's Managed Postgres clusters (one list call; those being deleted do
 * not count), a cluster by id, a delete.
 */
final class FlyPostgresOrphans implements NamedCloudOrphans.Api {

  private final FlyPostgresProvider provider;
  private final FlyPostgresApi api;
  private final String organization;
  private final SecretStore secrets;

  FlyPostgresOrphans(FlyPostgresProvider provider, FlyPostgresApi api, String organization, SecretStore secrets) {
    this.provider = provider;
    this.api = api;
    this.organization = organization;
    this.secrets = secrets;
  }

  @Override
  public List<NamedCloudOrphans.Named> named(Set<String> names) {
    return api.clusters(organization, "the orphan sweep").stream()
        .filter(cluster -> names.contains(cluster.name()) && !cluster.deleted())
        .map(FlyPostgresOrphans::named)
        .toList();
  }

  @Override
  public Optional<NamedCloudOrphans.Named> find(String id, String name) {
    return api.cluster(id, name).filter(cluster -> !cluster.gone()).map(FlyPostgresOrphans::named);
  }

  @Override
  public void delete(String id, String name) {
    provider.deleteAndWait(id, name);
  }

  @Override
  public void forgetSecrets(String name) {
    CloudPostgres.forgetConnections(secrets, name);
  }

  private static NamedCloudOrphans.Named named(FlyPostgresCluster cluster) {
    return new NamedCloudOrphans.Named(cluster.name(), cluster.id(), cluster.createdAt());
  }
}
