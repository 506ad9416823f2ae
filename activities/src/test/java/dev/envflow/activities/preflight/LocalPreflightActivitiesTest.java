package dev.envflow.activities.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalPreflightActivitiesTest {

  @Test
  void aLocalSpecOnALocalWorkerHasNoProblems() {
    assertThat(new LocalPreflightActivities(ProviderCatalog.localOnly()).checkProviders(SampleSpecs.local("staging")))
        .isEmpty();
  }

  @Test
  void listsEveryProviderTheWorkerDoesNotServeNamingTheMissingVariables() {
    EnvironmentSpec cloud = SampleSpecs.withProviders(SampleSpecs.local("staging"), "upstash", "supabase",
        "local", "fly");
    ProviderCatalog catalog = new ProviderCatalog(List.of(
        ProviderAvailability.ready("redis", "local"), ProviderAvailability.ready("redis", "redis-cloud"),
        ProviderAvailability.needing("redis", "upstash", List.of("UPSTASH_EMAIL", "UPSTASH_API_KEY")),
        ProviderAvailability.ready("postgres", "local"),
        ProviderAvailability.needing("postgres", "supabase", List.of("SUPABASE_ACCESS_TOKEN")),
        ProviderAvailability.ready("monitoring", "local")));

    assertThat(new LocalPreflightActivities(catalog).checkProviders(cloud)).containsExactly(
        "redis.provider: upstash is not available on this worker: missing UPSTASH_EMAIL, UPSTASH_API_KEY;"
            + " this worker serves: local, redis-cloud",
        "postgres.provider: supabase is not available on this worker: missing SUPABASE_ACCESS_TOKEN;"
            + " this worker serves: local",
        "paas.provider: fly is not configured on this worker; this worker serves: none");
  }

  @Test
  void anAvailableCloudProviderPasses() {
    EnvironmentSpec cloud = SampleSpecs.withProviders(SampleSpecs.local("staging"), "upstash", "local", "local", "local");
    ProviderCatalog catalog = new ProviderCatalog(List.of(ProviderAvailability.ready("redis", "upstash"),
        ProviderAvailability.ready("postgres", "local"), ProviderAvailability.ready("monitoring", "local"),
        ProviderAvailability.ready("paas", "local")));

    assertThat(new LocalPreflightActivities(catalog).checkProviders(cloud)).isEmpty();
  }

  @Test
  void extraSecretKeysNeedAWorkerVariableEachBeforeAnythingIsCreated() {
    EnvironmentSpec spec = SampleSpecs.withPaas(SampleSpecs.local("staging"), new dev.envflow.workflows.spec.PaasSpec(
        "local", "synckairos-staging", null, null, List.of("JWT_SECRET", "LOG_LEVEL", "SENTRY_DSN")));
    var variables = new dev.envflow.activities.cloud.ProviderVariables(java.util.Map.of("LOG_LEVEL", "info")::get);

    assertThat(new LocalPreflightActivities(ProviderCatalog.localOnly(), variables).checkProviders(spec)).containsExactly(
        "paas.secrets: this worker has no variable JWT_SECRET, SENTRY_DSN to take the value from (set it in the worker's"
            + " environment or Spring config)");
    assertThat(new LocalPreflightActivities(ProviderCatalog.localOnly()).checkProviders(spec)).isEmpty();
  }

  @Test
  void aMetricsCheckWithoutAPrometheusIsRefusedBeforeAnythingIsCreated() throws Exception {
    EnvironmentSpec spec = dev.envflow.workflows.spec.SpecParser.parse(new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree("{\"app\": \"a\", \"environment\": \"b\", \"monitoring\": {\"metricsCheck\": {}}}")).spec();
    ProviderCatalog catalog = new ProviderCatalog(java.util.stream.Stream.concat(
        ProviderCatalog.localOnly().providers().stream(),
        java.util.stream.Stream.of(ProviderAvailability.needing("monitoring", ProviderCatalog.METRICS_CHECK,
            List.of("ENVFLOW_PROMETHEUS_URL")))).toList());

    assertThat(new LocalPreflightActivities(catalog).checkProviders(spec)).containsExactly(
        "monitoring.metricsCheck: this worker cannot query a Prometheus: missing ENVFLOW_PROMETHEUS_URL");
    assertThat(catalog.served("monitoring")).containsExactly("local");
  }
}
