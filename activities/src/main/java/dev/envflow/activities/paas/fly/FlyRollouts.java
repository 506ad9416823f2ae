package dev.envflow.activities.paas.fly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.secrets.SecretStore;
import java.util.Optional;

/**
 * Where the worker keeps each environment's {@link FlyRollout}: beside the connection URLs it belongs with, in the
 * worker's secret store, under {@code FLY_ROLLOUT/{app}-{environment}}. It holds key names and image names only.
 */
final class FlyRollouts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SecretStore store;

  FlyRollouts(SecretStore store) {
    this.store = store;
  }

  static String key(String environment) {
    return SecretStore.key("FLY_ROLLOUT", environment);
  }

  Optional<FlyRollout> load(String environment) {
    return store.get(key(environment)).map(text -> {
      try {
        return JSON.readValue(text, FlyRollout.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the Fly rollout record of " + environment + " is not readable: "
            + e.getOriginalMessage(), e);
      }
    });
  }

  FlyRollout save(String environment, FlyRollout rollout) {
    try {
      store.put(key(environment), JSON.writeValueAsString(rollout));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the Fly rollout record of " + environment, e);
    }
    return rollout;
  }

  void delete(String environment) {
    store.delete(key(environment));
  }
}
