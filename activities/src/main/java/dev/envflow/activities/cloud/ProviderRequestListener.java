package dev.envflow.activities.cloud;

import java.time.Duration;

/**
 * Hears about every HTTP call to a cloud provider (for the {@code envflow.provider.requests} metric). The
 * worker installs one at start; until then calls are not observed.
 */
@FunctionalInterface
public interface ProviderRequestListener {

  /**
   * @param status the HTTP status, or {@code "io_error"} when there was no answer
   */
  void completed(String provider, String method, String status, Duration duration);

  ProviderRequestListener NONE = (provider, method, status, duration) -> {};
}
