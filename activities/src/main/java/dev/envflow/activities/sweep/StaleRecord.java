package dev.envflow.activities.sweep;

import dev.envflow.workflows.model.Resource;

/** A live inventory record whose resource is gone from its provider. */
public record StaleRecord(
    String environmentId, String kind, String provider, String name, String externalId, String why) {

  static StaleRecord of(String environmentId, Resource resource, String why) {
    return new StaleRecord(environmentId, resource.kind(), resource.provider(), resource.name(), resource.externalId(),
        why);
  }

  Resource resource() {
    return new Resource(kind, provider, name, externalId, null);
  }
}
