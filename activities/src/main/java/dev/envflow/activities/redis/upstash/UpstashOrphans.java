package dev.envflow.activities.redis.upstash;

import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.redis.CloudRedisConnections;
import dev.envflow.activities.sweep.NamedCloudOrphans;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the orphan sweep asks Upstash: the account's databases (one list call), one by id, and a delete by id. */
final class UpstashOrphans implements NamedCloudOrphans.Api {

  private final UpstashClient client;
  private final CloudRedisConnections connections;

  UpstashOrphans(UpstashClient client, CloudRedisConnections connections) {
    this.client = client;
    this.connections = connections;
  }

  @Override
  public List<NamedCloudOrphans.Named> named(Set<String> names) {
    return client.list("the orphan sweep").stream()
        .filter(database -> names.contains(database.name()))
        .map(UpstashOrphans::named)
        .toList();
  }

  @Override
  public Optional<NamedCloudOrphans.Named> find(String id, String name) {
    return client.find(id, name).map(UpstashOrphans::named);
  }

  @Override
  public void delete(String id, String name) {
    client.delete(id, name);
    if (client.find(id, name).isPresent()) {
      throw ProviderFailures.retryable(UpstashProvider.NAME + ": delete database " + name
          + ": still present after DELETE", null);
    }
  }

  @Override
  public void forgetSecrets(String name) {
    connections.forget(name);
  }

  private static NamedCloudOrphans.Named named(UpstashDatabase database) {
    return new NamedCloudOrphans.Named(database.name(), database.id(), database.createdAt());
  }
}
