package dev.envflow.activities.sweep;

import java.time.Instant;
import java.util.Optional;

/**
 * A resource a provider holds that carries envflow's mark, as the inventory would record it.
 *
 * @param kind one of {@code ResourceKind}'s names
 * @param provider the spec's provider name
 * @param name the environment's name, {@code {app}-{environment}}, which is also the resource's name in the inventory
 * @param externalId the provider's id of the resource (its name where the provider has no ids)
 * @param mark how it shows that envflow made it
 * @param evidence the mark in words, e.g. {@code role and database a_b carry envflow's comment envflow:env-a-b}
 * @param createdAt when the provider says it was made, when it says so
 */
public record FoundResource(
    String kind, String provider, String name, String externalId, Mark mark, String evidence,
    Optional<Instant> createdAt) {

  /** The inventory's id of the environment the resource belongs to, {@code env-{name}}. */
  public String environmentId() {
    return "env-" + name;
  }
}
