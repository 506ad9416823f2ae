package dev.envflow.activities.redis.flyupstash;

import dev.envflow.activities.redis.CloudRedisConnections;
import dev.envflow.activities.sweep.NamedCloudOrphans;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the orphan sweep asks Fly about Upstash add-ons: Fly's GraphQL API has no list of add-ons by type, so one
 * {@code addOn(name)} per environment of the inventory, kept when it is in envflow's organization. An add-on is deleted
 * by name, so a delete first checks that the name still has the id the sweep found.
 */
final class FlyUpstashOrphans implements NamedCloudOrphans.Api {

  private final FlyUpstashProvider provider;
  private final String organization;
  private final CloudRedisConnections connections;

  FlyUpstashOrphans(FlyUpstashProvider provider, String organization, CloudRedisConnections connections) {
    this.provider = provider;
    this.organization = organization;
    this.connections = connections;
  }

  @Override
  public List<NamedCloudOrphans.Named> named(Set<String> names) {
    return names.stream().sorted()
        .flatMap(name -> provider.find(name).stream())
        .filter(addOn -> organization.equals(addOn.organization()))
        .map(FlyUpstashOrphans::named)
        .toList();
  }

  @Override
  public Optional<NamedCloudOrphans.Named> find(String id, String name) {
    return provider.find(name)
        .filter(addOn -> id.equals(addOn.id()) && organization.equals(addOn.organization()))
        .map(FlyUpstashOrphans::named);
  }

  @Override
  public void delete(String id, String name) {
    provider.deleteAddOn(name);
  }

  @Override
  public void forgetSecrets(String name) {
    connections.forget(name);
  }

  private static NamedCloudOrphans.Named named(FlyAddOn addOn) {
    return new NamedCloudOrphans.Named(addOn.name(), addOn.id(), Optional.empty());
  }
}
