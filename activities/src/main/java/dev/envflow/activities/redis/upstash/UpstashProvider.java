package dev.envflow.activities.redis.upstash;

import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.redis.CloudRedisConnections;
import dev.envflow.activities.redis.RedisProvider;
import dev.envflow.activities.redis.RedisTls;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.sweep.NamedCloudOrphans;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An environment's Redis as an Upstash database named {@code {app}-{environment}}, through the Developer API.
 * Create is synchronous at Upstash; readiness waits for {@code state == active}. The application's URL is
 * {@code rediss://default:PASSWORD@endpoint:port} when the database has TLS, else {@code redis://...}.
 */
public final class UpstashProvider implements RedisProvider {

  public static final String NAME = "upstash";
  public static final String EMAIL = "UPSTASH_EMAIL";
  public static final String API_KEY = "UPSTASH_API_KEY";
  public static final String BASE_URL = "ENVFLOW_UPSTASH_API_URL";
  public static final String DEFAULT_BASE_URL = "https://api.upstash.com";
  private static final ResourceKind KIND = ResourceKind.REDIS_USER;
  private static final Logger log = LoggerFactory.getLogger(UpstashProvider.class);

  private final UpstashClient client;
  private final CloudRedisConnections connections;
  private final ResourceOwnership ownership;
  private final ReadinessPolicy readiness;

  UpstashProvider(UpstashClient client, CloudRedisConnections connections, ResourceOwnership ownership,
      ReadinessPolicy readiness) {
    this.client = client;
    this.connections = connections;
    this.ownership = ownership;
    this.readiness = readiness;
  }

  /** The provider configured from {@link #EMAIL}, {@link #API_KEY} and {@link #BASE_URL}, which must be set. */
  public static UpstashProvider configured(ProviderVariables variables, SecretStore secrets,
      ResourceOwnership ownership, ReadinessPolicy readiness, RedisTls tls) {
    UpstashClient client = UpstashClient.connect(variables.getOrDefault(BASE_URL, DEFAULT_BASE_URL),
        variables.required(EMAIL), variables.required(API_KEY));
    return new UpstashProvider(client, new CloudRedisConnections(NAME, secrets, tls), ownership, readiness);
  }

  public static ProviderAvailability availability(ProviderVariables variables) {
    return ProviderAvailability.needing("redis", NAME, variables.missing(EMAIL, API_KEY));
  }

  public static List<String> variables() {
    return List.of(EMAIL, API_KEY);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Resource create(EnvironmentSpec spec) {
    String name = spec.name();
    UpstashCreateRequest request = UpstashCreateRequest.from(spec);
    Optional<UpstashDatabase> existing = client.findByName(name);
    UpstashDatabase database;
    if (existing.isPresent()) {
      database = existing.get();
      if (!ownership.owns(spec.id(), KIND, name, database.id(), database.createdAt())) {
        throw ProviderFailures.conflict(NAME, "the database " + name + " (" + database.id() + ")");
      }
      log.info("Upstash database {} ({}) adopted", name, database.id());
    } else {
      database = client.create(request);
      ownership.claim(spec.id(), KIND, name, database.id());
      log.info("Upstash database {} ({}) created in {}", name, database.id(), request.primaryRegion());
    }
    database.credentials().ifPresent(credentials -> connections.store(name, credentials));
    return new Resource(KIND.name(), NAME, name, database.id(), database.location());
  }

  @Override
  public Readiness readiness(Resource database, long waitingSinceMillis) {
    String what = "Upstash database " + database.name();
    UpstashDatabase current = client.find(database.externalId(), database.name())
        .orElseThrow(() -> readiness.failed(what, "deleted"));
    if (UpstashDatabase.ACTIVE.equals(current.state())) {
      current.credentials().ifPresent(credentials -> connections.store(database.name(), credentials));
      return readiness.ready(current.state());
    }
    if (UpstashDatabase.SUSPENDED.equals(current.state())) {
      throw readiness.failed(what, current.state());
    }
    return readiness.notReady(what, current.state(), waitingSinceMillis);
  }

  @Override
  public CheckReport validate(Resource database) {
    return connections.validate(database);
  }

  /**
   * Deletes the database this environment owns: the one with the resource's id, or for a create that may have
   * crashed, the one with its name. A same-named database envflow does not own is left untouched.
   */
  @Override
  public void delete(Resource database) {
    String name = database.name();
    boolean planned = CloudRedisConnections.isPlanned(database);
    Optional<UpstashDatabase> found = planned ? client.findByName(name) : client.find(database.externalId(), name);
    if (found.isPresent()) {
      UpstashDatabase target = found.get();
      if (!ownership.owns(CloudRedisConnections.environmentId(name), KIND, name, target.id(), target.createdAt())) {
        if (!planned) {
          throw ProviderFailures.conflict(NAME, "the database " + name + " (" + target.id() + ")");
        }
        log.warn("Upstash database {} ({}) was not created by envflow for this environment; left untouched",
            name, target.id());
        return;
      }
      client.delete(target.id(), name);
      if (client.find(target.id(), name).isPresent()) {
        throw ProviderFailures.retryable(NAME + ": delete database " + name + ": still present after DELETE", null);
      }
      log.info("Upstash database {} ({}) deleted", name, target.id());
    }
    connections.forget(name);
  }

  /** Upstash databases carry only their name: see {@link NamedCloudOrphans}. */
  @Override
  public OrphanFinder orphanFinder() {
    return new NamedCloudOrphans(NAME, KIND, "Upstash database", new UpstashOrphans(client, connections));
  }
}
