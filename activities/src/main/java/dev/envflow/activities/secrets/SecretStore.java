package dev.envflow.activities.secrets;

import java.util.Optional;

/**
 * Where the worker keeps the credentials it creates, so that they never travel through Temporal. Keys are
 * {@code {kind}/{name}} of the resource they belong to (see {@link #key}); values are full connection URLs.
 */
public interface SecretStore {

  /** Stores (or replaces) a secret. */
  void put(String key, String value);

  Optional<String> get(String key);

  /** Removes a secret; removing one that is not there succeeds. */
  void delete(String key);

  static String key(String kind, String name) {
    return kind + "/" + name;
  }
}
