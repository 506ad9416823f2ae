package dev.envflow.worker.config;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.monitoring.MonitoringProviders;
import dev.envflow.activities.nop.NopProviders;
import dev.envflow.activities.paas.PaasProviders;
import dev.envflow.activities.postgres.CloudPostgresProviders;
import dev.envflow.activities.redis.CloudRedisProviders;
import dev.envflow.activities.inventory.InventoryOwnership;
import dev.envflow.activities.preflight.ProviderCatalog;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What the cloud providers stand on: their variables (environment or Spring config, DESIGN.md "Provider
 * configuration"), how long envflow waits for a resource to become ready, ownership from the inventory, and
 * the catalogue of providers with why each one is or is not available here.
 */
@Configuration(proxyBeanMethods = false)
public class ProviderConfiguration {

  static final String READINESS_POLL = "ENVFLOW_READINESS_POLL_INTERVAL";
  static final String READINESS_TIMEOUT = "ENVFLOW_READINESS_TIMEOUT";
  static final String PROVIDER_HTTP_TIMEOUT = "ENVFLOW_PROVIDER_HTTP_TIMEOUT";

  @Bean
  ProviderVariables providerVariables(Environment environment) {
    ProviderVariables variables = new ProviderVariables(environment::getProperty);
    ProviderHttpClient.timeoutAfter(duration(variables, PROVIDER_HTTP_TIMEOUT, ProviderHttpClient.CALL_TIMEOUT));
    return variables;
  }

  @Bean
  ReadinessPolicy readinessPolicy(ProviderVariables variables) {
    return ReadinessPolicy.of(duration(variables, READINESS_POLL, ReadinessPolicy.DEFAULT.pollInterval()),
        duration(variables, READINESS_TIMEOUT, ReadinessPolicy.DEFAULT.waitLimit()));
  }

  @Bean
  ResourceOwnership resourceOwnership(Inventory inventory) {
    return new InventoryOwnership(inventory);
  }

  @Bean
  ProviderCatalog providerCatalog(ProviderVariables variables) {
    List<ProviderAvailability> providers = new ArrayList<>(ProviderCatalog.localOnly().providers());
    providers.removeIf(p -> p.kind().equals(MonitoringProviders.KIND));
    providers.addAll(CloudRedisProviders.availability(variables));
    providers.addAll(CloudPostgresProviders.availability(variables));
    providers.addAll(MonitoringProviders.availability(variables));
    providers.add(PaasProviders.availability(variables));
    providers.addAll(NopProviders.availability(variables));
    return new ProviderCatalog(providers);
  }

  private static Duration duration(ProviderVariables variables, String name, Duration fallback) {
    return variables.get(name).map(text -> {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(name + " is not an ISO-8601 duration such as PT10S: " + text, e);
      }
    }).orElse(fallback);
  }
}
