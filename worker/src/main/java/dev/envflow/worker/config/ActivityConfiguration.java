package dev.envflow.worker.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.inventory.InventoryActivitiesImpl;
import dev.envflow.activities.monitoring.MonitoringActivitiesImpl;
import dev.envflow.activities.monitoring.MonitoringProvider;
import dev.envflow.activities.monitoring.MonitoringProviders;
import dev.envflow.activities.nop.NopLedger;
import dev.envflow.activities.nop.NopProviders;
import dev.envflow.activities.notify.SlackOrLogNotificationActivities;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.cloud.ShortReadinessWait;
import dev.envflow.activities.postgres.CloudPostgresProviders;
import dev.envflow.activities.paas.PaasActivitiesImpl;
import dev.envflow.activities.paas.PaasProvider;
import dev.envflow.activities.paas.PaasProviders;
import dev.envflow.activities.postgres.LocalPostgresProvider;
import dev.envflow.activities.postgres.PostgresProvider;
import dev.envflow.activities.postgres.PostgresActivitiesImpl;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.preflight.LocalPreflightActivities;
import dev.envflow.activities.preflight.ProviderCatalog;
import dev.envflow.activities.redis.CloudRedisProviders;
import dev.envflow.activities.redis.LocalRedisProvider;
import dev.envflow.activities.redis.RedisProvider;
import dev.envflow.activities.redis.RedisActivitiesImpl;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.smoke.HttpSmokeTestActivities;
import dev.envflow.worker.embedded.LocalDataServices;
import dev.envflow.workflows.activities.InventoryActivities;
import dev.envflow.workflows.activities.NotificationActivities;
import dev.envflow.workflows.activities.PreflightActivities;
import dev.envflow.workflows.activities.SmokeTestActivities;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The activity beans the worker registers (named in {@code spring.temporal.workers[].activity-beans}) and
 * what they stand on: the state directory, the local data servers and the inventory; the secret store comes
 * from {@link SecretStoreConfiguration}. The provider-backed ones are typed as their implementations, whose
 * providers the orphan sweep also asks ({@link SweepConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class ActivityConfiguration {

  @Bean
  Path stateDirectory(EnvflowProperties properties) {
    return Path.of(properties.stateDir()).toAbsolutePath().normalize();
  }

  /**
   * The embedded servers' admin passwords stay in files on this machine: they are needed to reach the database
   * that holds the shared secret store ({@link SecretStoreConfiguration}).
   */
  @Bean(destroyMethod = "close")
  LocalDataServices localDataServices(EnvflowProperties properties, Path stateDirectory) {
    return LocalDataServices.start(
        properties.postgres().adminUrl(), properties.redis().adminUrl(), stateDirectory,
        properties.embedded().postgresPort(), properties.embedded().redisPort(),
        properties.embedded().probeLocalhost(), new FileSecretStore(stateDirectory.resolve("secrets")), System::getenv);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource inventoryDataSource(EnvflowProperties properties, LocalDataServices dataServices,
      org.springframework.core.env.Environment environment) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("envflow-inventory");
    config.setMaximumPoolSize(environment.getProperty("envflow.inventory.pool-size", Integer.class, 5));
    // how long a caller waits for a connection before the inventory counts as unreachable (Hikari's 30 s default)
    config.setConnectionTimeout(environment.getProperty("envflow.inventory.connection-timeout",
        Duration.class, Duration.ofSeconds(30)).toMillis());
    if (properties.databaseUrl() != null && !properties.databaseUrl().isBlank()) {
      String url = properties.databaseUrl();
      PostgresAdminConfig endpoint = PostgresAdminConfig.fromJdbcUrl(url.startsWith("jdbc:") ? url : "jdbc:" + url);
      config.setJdbcUrl(endpoint.jdbcUrl(endpoint.adminDatabase()));
      config.setUsername(endpoint.adminUser());
      config.setPassword(endpoint.adminPassword());
    } else {
      config.setJdbcUrl(dataServices.ensureDatabase("envflow"));
      config.setUsername(dataServices.postgres().adminUser());
      config.setPassword(dataServices.postgres().adminPassword());
    }
    return new HikariDataSource(config);
  }

  @Bean
  Inventory inventory(DataSource inventoryDataSource) {
    Inventory inventory = new Inventory(inventoryDataSource);
    inventory.migrate();
    return inventory;
  }

  @Bean
  InventoryActivities inventoryActivities(Inventory inventory) {
    return new InventoryActivitiesImpl(inventory);
  }

  /** What the nop providers "created", in this worker's memory. */
  @Bean
  NopLedger nopLedger() {
    return new NopLedger();
  }

  /** The nop provider of every kind when ENVFLOW_NOP_PROVIDER is true, else none. */
  @Bean
  NopProviders nopProviders(ProviderVariables variables, SecretStore secretStore, NopLedger nopLedger) {
    return NopProviders.configured(variables, secretStore, nopLedger);
  }

  @Bean
  PostgresActivitiesImpl postgresActivities(LocalDataServices dataServices, SecretStore secretStore,
      ProviderVariables variables, ResourceOwnership ownership, ReadinessPolicy readiness, NopProviders nop) {
    List<PostgresProvider> providers = new ArrayList<>();
    providers.add(new LocalPostgresProvider(dataServices.postgres(), secretStore));
    providers.addAll(CloudPostgresProviders.configured(variables, secretStore, ownership, readiness));
    providers.addAll(nop.postgres());
    return new PostgresActivitiesImpl(providers, secretStore, ShortReadinessWait.DEFAULT);
  }

  @Bean
  RedisActivitiesImpl redisActivities(LocalDataServices dataServices, SecretStore secretStore,
      ProviderVariables variables, ResourceOwnership ownership, ReadinessPolicy readiness, NopProviders nop) {
    List<RedisProvider> providers = new ArrayList<>();
    providers.add(new LocalRedisProvider(dataServices.redis(), secretStore));
    providers.addAll(CloudRedisProviders.configured(variables, secretStore, ownership, readiness));
    providers.addAll(nop.redis());
    return new RedisActivitiesImpl(providers, ShortReadinessWait.DEFAULT);
  }

  @Bean
  MonitoringActivitiesImpl monitoringActivities(Path stateDirectory, ProviderVariables variables, NopProviders nop) {
    List<MonitoringProvider> providers = new ArrayList<>(MonitoringProviders.configured(variables, stateDirectory));
    providers.addAll(nop.monitoring());
    return new MonitoringActivitiesImpl(providers, ShortReadinessWait.DEFAULT);
  }

  @Bean
  PaasActivitiesImpl paasActivities(Path stateDirectory, SecretStore secretStore, ProviderVariables variables,
      NopProviders nop) {
    List<PaasProvider> providers = new ArrayList<>(PaasProviders.configured(variables, secretStore, stateDirectory));
    providers.addAll(nop.paas());
    return new PaasActivitiesImpl(providers);
  }

  @Bean
  SmokeTestActivities smokeTestActivities() {
    return new HttpSmokeTestActivities();
  }

  @Bean
  NotificationActivities notificationActivities() {
    return new SlackOrLogNotificationActivities();
  }

  @Bean
  PreflightActivities preflightActivities(ProviderCatalog catalog, ProviderVariables variables) {
    return new LocalPreflightActivities(catalog, variables);
  }
}
