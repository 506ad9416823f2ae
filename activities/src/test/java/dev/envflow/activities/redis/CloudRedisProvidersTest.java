package dev.envflow.activities.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.spec.SpecParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class CloudRedisProvidersTest {

  private final SecretStore secrets = Mockito.mock(SecretStore.class);
  private final ResourceOwnership ownership = Mockito.mock(ResourceOwnership.class);

  @Test
  void withoutVariablesNoneIsServedAndEachNamesWhatIsMissing() {
    ProviderVariables none = new ProviderVariables(name -> null);

    assertThat(CloudRedisProviders.configured(none, secrets, ownership, ReadinessPolicy.DEFAULT)).isEmpty();
    assertThat(CloudRedisProviders.availability(none)).containsExactly(
        new ProviderAvailability("redis", "upstash", false, "missing UPSTASH_EMAIL, UPSTASH_API_KEY", false),
        new ProviderAvailability("redis", "redis-cloud", false, "missing REDISCLOUD_ACCESS_KEY, REDISCLOUD_SECRET_KEY",
            false),
        new ProviderAvailability("redis", "fly-upstash", false, "missing FLY_API_TOKEN", true));
  }

  @Test
  void servesExactlyTheProvidersWhoseVariablesAreAllSet() {
    ProviderVariables some = new ProviderVariables(Map.of("UPSTASH_EMAIL", "ops@example.com", "UPSTASH_API_KEY", "k",
        "REDISCLOUD_ACCESS_KEY", "a")::get);

    assertThat(CloudRedisProviders.configured(some, secrets, ownership, ReadinessPolicy.DEFAULT))
        .extracting(RedisProvider::name).containsExactly("upstash");
    assertThat(CloudRedisProviders.availability(some)).filteredOn(ProviderAvailability::available)
        .extracting(ProviderAvailability::provider).containsExactly("upstash");
    assertThat(CloudRedisProviders.availability(some)).filteredOn(p -> p.provider().equals("redis-cloud"))
        .singleElement().extracting(ProviderAvailability::reason).isEqualTo("missing REDISCLOUD_SECRET_KEY");
  }

  @Test
  void everyCloudRedisProviderTheSpecAcceptsIsBuiltWhenConfigured() {
    ProviderVariables all = new ProviderVariables(Map.of("UPSTASH_EMAIL", "e", "UPSTASH_API_KEY", "k",
        "REDISCLOUD_ACCESS_KEY", "a", "REDISCLOUD_SECRET_KEY", "s", "FLY_API_TOKEN", "t")::get);

    List<String> names = CloudRedisProviders.configured(all, secrets, ownership, ReadinessPolicy.DEFAULT).stream()
        .map(RedisProvider::name).toList();

    assertThat(names).containsExactlyInAnyOrderElementsOf(
        SpecParser.REDIS_PROVIDERS.stream().filter(name -> !name.equals("local") && !name.equals("nop")).toList());
  }
}
