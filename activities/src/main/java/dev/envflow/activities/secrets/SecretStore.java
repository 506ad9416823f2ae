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

  /**
   * Where a resource's connection URL for the application is kept when it differs from {@link #key}'s
   * (e.g. a cloud database whose application connects through a pooler).
   */
  static String applicationKey(String kind, String name) {
    return kind + "_APP/" + name;
  }

  /** The application's connection URL: the {@link #applicationKey} one when stored, else the {@link #key} one. */
  default Optional<String> applicationUrl(String kind, String name) {
    return get(applicationKey(kind, name)).or(() -> get(key(kind, name)));
  }
}
