package dev.envflow.activities.postgres;

import dev.envflow.activities.cloud.ProviderWait;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every cloud PostgreSQL provider works with besides its own API: the worker's secret store, envflow's
 * ownership records, the readiness policy, and the short wait for what the provider finishes on its own (a
 * deletion).
 */
public record CloudPostgresServices(SecretStore secrets, ResourceOwnership ownership, ReadinessPolicy readiness,
    ProviderWait providerWait) {

  /**
   * The first of the provider's same-named resources that the environment owns. When it owns none of them and
   * there are some, {@code notOwned} is given their ids joined with {@code ", "}: it throws a CONFLICT when creating,
   * and when deleting says they are left untouched.
   */
  public <T> Optional<T> owned(String environmentId, String name, List<T> sameName, Function<T, String> id,
      Function<T, Optional<Instant>> createdAt, Consumer<String> notOwned) {
    for (T resource : sameName) {
      if (ownership.owns(environmentId, CloudPostgres.KIND, name, id.apply(resource), createdAt.apply(resource))) {
        return Optional.of(resource);
      }
    }
    if (!sameName.isEmpty()) {
      notOwned.accept(String.join(", ", sameName.stream().map(id).toList()));
    }
    return Optional.empty();
  }

  /**
   * Deletes the database with {@code deleteAndWait(id, name)} and forgets its connections. A planned reference (the
   * create never answered) has no id yet: {@code ownedId} finds the environment's same-named one by name, if any.
   */
  public void delete(Resource database, Function<String, Optional<String>> ownedId,
      BiConsumer<String, String> deleteAndWait) {
    String name = database.name();
    Optional<String> id = CloudPostgres.isPlanned(database) ? ownedId.apply(name) : Optional.of(database.externalId());
    id.ifPresent(found -> deleteAndWait.accept(found, name));
    CloudPostgres.forgetConnections(secrets, name);
  }
}
