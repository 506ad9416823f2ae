package dev.envflow.activities.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.activities.inventory.SampleSpecs;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalPreflightActivitiesTest {

  @Test
  void aLocalSpecOnALocalWorkerHasNoProblems() {
    assertThat(new LocalPreflightActivities(ProviderCatalog.localOnly()).checkProviders(SampleSpecs.local("staging")))
        .isEmpty();
  }

  @Test
  void listsEveryProviderTheWorkerDoesNotServe() {
    EnvironmentSpec cloud = SampleSpecs.withProviders(SampleSpecs.local("staging"), "upstash", "supabase",
        "local", "fly");
    ProviderCatalog catalog = new ProviderCatalog(Set.of("local", "redis-cloud"), Set.of("local"), Set.of("local"),
        Set.of());

    assertThat(new LocalPreflightActivities(catalog).checkProviders(cloud)).containsExactly(
        "redis.provider: upstash is not configured on this worker; this worker serves: local, redis-cloud",
        "postgres.provider: supabase is not configured on this worker; this worker serves: local",
        "paas.provider: fly is not configured on this worker; this worker serves: none");
  }
}
