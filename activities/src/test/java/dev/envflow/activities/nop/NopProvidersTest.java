package dev.envflow.activities.nop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.postgres.PostgresActivitiesImpl;
import dev.envflow.activities.preflight.LocalPreflightActivities;
import dev.envflow.activities.preflight.ProviderCatalog;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.NopSpec;
import dev.envflow.workflows.spec.SpecParser;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The nop providers: they record what they "create" in the ledger and a placeholder connection URL in the secret
 * store, adopt on a second create, take their latency, fail transiently and permanently as the spec asks — also in
 * the calls that get only the resource — and are served only where ENVFLOW_NOP_PROVIDER is true.
 */
class NopProvidersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = 1_000_000;

  private final NopLedger ledger = new NopLedger();
  private final MapSecretStore secrets = new MapSecretStore();
  private final Deque<Double> draws = new ArrayDeque<>();
  private final NopCalls calls = new NopCalls(ledger, () -> draws.isEmpty() ? 0.99 : draws.pop(),
      Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
  private final NopRedisProvider redis = new NopRedisProvider(calls, ledger, secrets);
  private final NopPostgresProvider postgres = new NopPostgresProvider(calls, ledger, secrets);
  private final NopMonitoringProvider monitoring = new NopMonitoringProvider(calls, ledger);
  private final NopPaasProvider paas = new NopPaasProvider(calls, ledger, secrets, new ProviderVariables(name -> null));

  @Test
  void createsNothingButRecordsEveryKindAndAdoptsWhatItMadeBefore() throws Exception {
    EnvironmentSpec spec = spec("{}");

    Resource user = redis.create(spec);
    Resource again = redis.create(spec);
    Resource database = postgres.create(spec);
    Resource dashboards = monitoring.createDashboards(spec);
    Resource appSecrets = paas.setSecrets(spec, List.of(user, database));

    assertThat(again).isEqualTo(user);
    assertThat(user).isEqualTo(new Resource("REDIS_USER", "nop", "shop-test", "shop-test", "nop://redis/shop-test"));
    assertThat(ledger.creations(ResourceKind.REDIS_USER, "shop-test")).isEqualTo(1);
    assertThat(ledger.adoptions()).isEqualTo(1);
    assertThat(ledger.live("shop-test")).containsExactlyInAnyOrder("REDIS_USER shop-test", "POSTGRES_DATABASE shop-test",
        "DASHBOARDS shop-test", "SECRETS shop-test");
    assertThat(secrets.values).containsEntry("REDIS_USER/shop-test", "redis://shop-test@nop.invalid:6379")
        .containsEntry("POSTGRES_DATABASE/shop-test", "postgresql://shop-test@nop.invalid:5432/shop-test");

    paas.deleteSecrets(appSecrets);
    monitoring.delete(dashboards);
    postgres.delete(database);
    redis.delete(user);
    redis.delete(user);

    assertThat(ledger.live()).isEmpty();
    assertThat(secrets.values).isEmpty();
  }

  @Test
  void migrationsAndChecksGoToTheNopDatabaseNotToFlyway() throws Exception {
    Resource database = postgres.create(spec("{}"));
    PostgresActivitiesImpl activities = new PostgresActivitiesImpl(List.of(postgres), secrets);

    assertThat(activities.migrateDatabase(database, "classpath:migrations/shop").schemaVersion()).isEqualTo("nop");
    assertThat(activities.validateDatabase(database, "classpath:migrations/shop").checks())
        .containsExactly("nop: nothing to check, nothing was created");
  }

  @Test
  void eachCallTakesTheLatencyAndTheOptionsTravelWithTheResource() throws Exception {
    EnvironmentSpec spec = spec("{\"latency\": \"PT0.2S\", \"failStep\": \"redis.delete\"}");

    long start = System.nanoTime();
    Resource user = redis.create(spec);
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(tookMs).isGreaterThanOrEqualTo(200);
    assertThat(user.location()).isEqualTo("nop://redis/shop-test?latency=PT0.2S&failStep=redis.delete");
    assertThat(NopLocation.options(user)).isEqualTo(spec.nop());
    assertThatThrownBy(() -> redis.delete(user)).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getType()).isEqualTo(FailureType.REQUEST_REJECTED.name());
      assertThat(failure.getOriginalMessage()).isEqualTo("nop: redis.delete fails permanently, as nop.failStep asks");
    });
    assertThat(ledger.isLive(ResourceKind.REDIS_USER, "shop-test")).isTrue();
    assertThat(ledger.permanentFailures()).isEqualTo(1);
  }

  @Test
  void theFailStepFailsPermanentlyBeforeActing() throws Exception {
    EnvironmentSpec spec = spec("{\"failStep\": \"monitoring.alerts\"}");

    monitoring.createDashboards(spec);
    assertThatThrownBy(() -> monitoring.createAlertRules(spec)).isInstanceOfSatisfying(ApplicationFailure.class,
        failure -> assertThat(failure.isNonRetryable()).isTrue());

    assertThat(ledger.live("shop-test")).containsExactly("DASHBOARDS shop-test");
  }

  @Test
  void aTransientFailureIsRetryableAndOneAfterActingLeavesWhatTheRetryAdopts() throws Exception {
    EnvironmentSpec spec = spec("{\"transientFailureRate\": 0.3}");

    draws.addAll(List.of(0.1, 0.9));
    assertThatThrownBy(() -> redis.create(spec)).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.isNonRetryable()).isFalse();
      assertThat(failure.getType()).isEqualTo(ProviderFailures.TRANSIENT);
      assertThat(failure.getOriginalMessage()).contains("redis.create failed transiently before acting");
    });
    assertThat(ledger.live()).isEmpty();

    draws.addAll(List.of(0.1, 0.2));
    assertThatThrownBy(() -> redis.create(spec)).hasMessageContaining("failed transiently after acting");
    assertThat(ledger.live()).containsExactly("REDIS_USER shop-test");

    redis.create(spec);
    assertThat(ledger.creations(ResourceKind.REDIS_USER, "shop-test")).isEqualTo(1);
    assertThat(ledger.adoptions()).isEqualTo(1);
    assertThat(ledger.transientFailures()).isEqualTo(2);
    assertThat(ledger.calls()).isEqualTo(3);
  }

  @Test
  void readinessAndMetricsAreNotReadyUntilTheLatencyHasPassed() throws Exception {
    EnvironmentSpec spec = spec("{\"latency\": \"PT0.1S\"}", "\"monitoring\": {\"provider\": \"nop\", \"metricsCheck\": {}}");
    Resource database = new Resource("POSTGRES_DATABASE", "nop", "shop-test", "shop-test",
        NopLocation.of("postgres", "shop-test", spec.nop()));

    Readiness early = postgres.readiness(database, NOW - 40);
    assertThat(early.ready()).isFalse();
    assertThat(early.pollAfterMillis()).isEqualTo(60);
    assertThat(early.detail()).isEqualTo("nop database shop-test not ready until nop.latency PT0.1S has passed");
    assertThat(postgres.readiness(database, NOW - 100).ready()).isTrue();
    assertThat(monitoring.metricsFlowing(spec, NOW - 10).ready()).isFalse();
    assertThat(monitoring.metricsFlowing(spec, NOW - 150).ready()).isTrue();
  }

  @Test
  void aNopPaasNeedsTheStoredCredentialsLikeARealOne() throws Exception {
    EnvironmentSpec spec = spec("{}");
    Resource missing = new Resource("REDIS_USER", "nop", "other", "other", null);

    assertThatThrownBy(() -> paas.setSecrets(spec, List.of(missing))).isInstanceOfSatisfying(ApplicationFailure.class,
        failure -> assertThat(failure.getType()).isEqualTo(FailureType.BAD_CREDENTIALS.name()));
    assertThat(paas.deploy(spec, null).summary()).isEqualTo("nop: deployed nothing to shop-test");
  }

  @Test
  void isServedOnlyWhenTheWorkerEnablesItAndPreflightNamesTheVariableOtherwise() throws Exception {
    ProviderVariables off = new ProviderVariables(name -> null);
    ProviderVariables on = new ProviderVariables(Map.of("ENVFLOW_NOP_PROVIDER", "true")::get);

    assertThat(NopProviders.configured(off, secrets, ledger).redis()).isEmpty();
    assertThat(NopProviders.configured(on, secrets, ledger).redis()).extracting(p -> p.name()).containsExactly("nop");
    assertThat(NopProviders.availability(on)).allMatch(ProviderAvailability::available).hasSize(4);

    List<ProviderAvailability> catalog = new ArrayList<>(ProviderCatalog.localOnly().providers());
    catalog.addAll(NopProviders.availability(off));
    List<String> problems = new LocalPreflightActivities(new ProviderCatalog(catalog)).checkProviders(spec("{}"));
    assertThat(problems).hasSize(4).allSatisfy(problem -> assertThat(problem)
        .contains("nop is not available on this worker: a testing tool that creates nothing; set"
            + " ENVFLOW_NOP_PROVIDER=true on the worker to serve it; this worker serves: local"));
    assertThat(problems.get(0)).startsWith("redis.provider: ");
  }

  @Test
  void aNopMetricsCheckNeedsNoPrometheus() throws Exception {
    List<ProviderAvailability> catalog = new ArrayList<>(ProviderCatalog.localOnly().providers());
    catalog.addAll(NopProviders.availability(new ProviderVariables(Map.of("ENVFLOW_NOP_PROVIDER", "TRUE")::get)));
    catalog.add(ProviderAvailability.needing("monitoring", ProviderCatalog.METRICS_CHECK, List.of("ENVFLOW_PROMETHEUS_URL")));

    assertThat(new LocalPreflightActivities(new ProviderCatalog(catalog))
        .checkProviders(spec("{}", "\"monitoring\": {\"provider\": \"nop\", \"metricsCheck\": {}}"))).isEmpty();
  }

  private static EnvironmentSpec spec(String nop) throws Exception {
    return spec(nop, "\"monitoring\": {\"provider\": \"nop\"}");
  }

  private static EnvironmentSpec spec(String nop, String monitoring) throws Exception {
    var parsed = SpecParser.parse(JSON.readTree("{\"app\": \"shop\", \"environment\": \"test\","
        + " \"redis\": {\"provider\": \"nop\"}, \"postgres\": {\"provider\": \"nop\"}, " + monitoring + ","
        + " \"paas\": {\"provider\": \"nop\"}, \"nop\": " + nop + "}"));
    assertThat(parsed.errors()).isEmpty();
    return parsed.spec();
  }

  private static final class MapSecretStore implements SecretStore {
    final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public void put(String key, String value) {
      values.put(key, value);
    }

    @Override
    public Optional<String> get(String key) {
      return Optional.ofNullable(values.get(key));
    }

    @Override
    public void delete(String key) {
      values.remove(key);
    }
  }
}
