package dev.envflow.activities.cloud;

import io.temporal.failure.ApplicationFailure;
import java.util.function.Function;

/**
 * Turns a provider's error answer (not 2xx, not 404) into a failure: non-retryable for what a person must fix,
 * retryable (with the provider's suggested delay) for what passes. Providers whose answers need more than
 * {@link ProviderFailures#fromResponse} (e.g. Datadog's {@code X-RateLimit-Reset}, Grafana's 412) supply their own.
 */
@FunctionalInterface
public interface ProviderErrorMapping {

  ProviderErrorMapping DEFAULT =
      (call, status, body, header) -> ProviderFailures.fromResponse(call, status, body, header.apply("Retry-After"));

  /** @param header the answer's header by name, null when absent */
  ApplicationFailure failure(ProviderCall call, int status, String body, Function<String, String> header);
}
