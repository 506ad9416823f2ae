package dev.envflow.activities.redis.rediscloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.cloud.CloudRegions;
import dev.envflow.activities.cloud.ProviderAvailability;
import dev.envflow.activities.cloud.ProviderCall;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.redis.CloudRedisConnections;
import dev.envflow.activities.redis.RedisProvider;
import dev.envflow.activities.redis.RedisTls;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An environment's Redis as a Redis Cloud database in a subscription of its own, both named
 * {@code {app}-{environment}}: Essentials for {@code free} and {@code essentials-*} plans, Pro for {@code pro-*}
 * and {@code ha-*} (replication), see {@link RedisCloudPlan}. Every mutation is a task: create waits for the
 * subscription's task; readiness waits for the subscription to become active, creates the database (its
 * task), and waits for the database to become active, saying which of these it waits for; delete removes the
 * database, then the subscription, each through its task, until both are gone.
 */
public final class RedisCloudProvider implements RedisProvider {

  public static final String NAME = "redis-cloud";
  public static final String ACCESS_KEY = "REDISCLOUD_ACCESS_KEY";
  public static final String SECRET_KEY = "REDISCLOUD_SECRET_KEY";
  public static final String BASE_URL = "ENVFLOW_REDISCLOUD_API_URL";
  public static final String DEFAULT_BASE_URL = "https://api.redislabs.com/v1";
  /** Optional: the payment method for Pro and paid Essentials plans; else the account's first one. */
  public static final String PAYMENT_METHOD = "REDISCLOUD_PAYMENT_METHOD_ID";
  static final Set<String> AWS_REGIONS = Set.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
      "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1", "ap-south-1",
      "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-northeast-2", "ap-east-1", "af-south-1", "me-south-1");
  private static final ResourceKind KIND = ResourceKind.REDIS_USER;
  private static final Duration RETRY_LATER = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(RedisCloudProvider.class);

  private final RedisCloudClient client;
  private final RedisCloudTasks tasks;
  private final RedisCloudPacing pacing;
  private final SecretStore secrets;
  private final CloudRedisConnections connections;
  private final ResourceOwnership ownership;
  private final RedisCloudOwnership owned;
  private final RedisCloudDeletion deletion;
  private final ReadinessPolicy readiness;
  private final Optional<Long> paymentMethod;

  RedisCloudProvider(RedisCloudClient client, RedisCloudPacing pacing, SecretStore secrets, RedisTls tls,
      ResourceOwnership ownership, ReadinessPolicy readiness, Optional<Long> paymentMethod) {
    this.client = client;
    this.tasks = new RedisCloudTasks(client, pacing);
    this.pacing = pacing;
    this.secrets = secrets;
    this.connections = new CloudRedisConnections(NAME, secrets, tls);
    this.ownership = ownership;
    this.owned = new RedisCloudOwnership(ownership);
    this.deletion = new RedisCloudDeletion(client, tasks, pacing, owned, name -> {
      connections.forget(name);
      RedisCloudPending.forget(secrets, name);
    });
    this.readiness = readiness;
    this.paymentMethod = paymentMethod;
  }

  /** The provider configured from {@link #ACCESS_KEY}, {@link #SECRET_KEY} and {@link #BASE_URL}, which must be set. */
  public static RedisCloudProvider configured(ProviderVariables variables, SecretStore secrets,
      ResourceOwnership ownership, ReadinessPolicy readiness, RedisTls tls) {
    return configured(variables, secrets, ownership, readiness, tls, RedisCloudPacing.DEFAULT);
  }

  static RedisCloudProvider configured(ProviderVariables variables, SecretStore secrets, ResourceOwnership ownership,
      ReadinessPolicy readiness, RedisTls tls, RedisCloudPacing pacing) {
    RedisCloudClient client = RedisCloudClient.connect(variables.getOrDefault(BASE_URL, DEFAULT_BASE_URL),
        variables.required(ACCESS_KEY), variables.required(SECRET_KEY));
    Optional<Long> paymentMethod = variables.get(PAYMENT_METHOD).map(text -> {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(PAYMENT_METHOD + " is not a payment method id (a number)");
      }
    });
    return new RedisCloudProvider(client, pacing, secrets, tls, ownership, readiness, paymentMethod);
  }

  public static ProviderAvailability availability(ProviderVariables variables) {
    return ProviderAvailability.needing("redis", NAME, variables.missing(ACCESS_KEY, SECRET_KEY));
  }

  public static List<String> variables() {
    return List.of(ACCESS_KEY, SECRET_KEY);
  }

  /**
   * Not swept: an environment's Redis Cloud database is a subscription and a database with a composite id and
   * asynchronous tasks, and the sweep does not take that apart yet. The reason is reported.
   */
  @Override
  public OrphanFinder orphanFinder() {
    return OrphanFinder.unsupported(NAME, Set.of(ResourceKind.REDIS_USER), "the sweep does not look in Redis Cloud:"
        + " look for subscriptions named like an environment in the Redis Cloud console, and remove an environment's"
        + " database with envflow teardown");
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Adopts the subscription of this environment's name when envflow owns it; otherwise creates one and waits for
   * its task, keeping the database to create (settings, generated password, task ids) in the secret store.
   */
  @Override
  public Resource create(EnvironmentSpec spec) {
    String name = spec.name();
    RedisCloudPlan plan = RedisCloudPlan.parse(spec.redis().plan());
    if (plan.free() && spec.redis().tls()) {
      throw ProviderFailures.nonRetryable(FailureType.INVALID_SPEC, NAME + ": the free Essentials plan has no TLS;"
          + " choose a paid plan (essentials-250mb, ha-256mb, ...) or set redis.tls to false");
    }
    String region = CloudRegions.aws(NAME, spec.region(), AWS_REGIONS);
    RedisCloudFamily family = plan.family();
    Optional<RedisCloudSubscription> found = client.subscriptionNamed(family, name);
    if (found.isPresent()) {
      return adopt(spec, plan, found.get());
    }
    RedisCloudPending pending = RedisCloudPending.load(secrets, name)
        .filter(p -> p.family().equals(family.id()) && p.plan().equals(plan.name()))
        .orElseGet(() -> RedisCloudPending.forSpec(spec, plan));
    ProviderCall call = RedisCloudClient.call("create " + family.label() + " subscription", name);
    if (pending.subscriptionTask() == null) {
      Object body = family == RedisCloudFamily.ESSENTIALS
          ? essentialsSubscription(name, plan, region)
          : RedisCloudRequests.proSubscription(name, plan, region, paymentMethod(name));
      pending.save(secrets, name);
      RedisCloudTask task = client.createSubscription(family, body, name);
      pending = pending.withSubscriptionTask(task.id());
      pending.save(secrets, name);
    }
    RedisCloudTask done = tasks.await(pending.subscriptionTask(), call, pacing.createBudget());
    if (!done.completed()) {
      throw ProviderFailures.retryable(call.describe() + ": task " + done.id() + " is still " + done.status(), RETRY_LATER);
    }
    long subscriptionId = done.resourceId().orElseThrow(() -> ProviderFailures.nonRetryable(
        FailureType.PROVIDER_UNAVAILABLE, call.describe() + ": task " + done.id() + " completed without a resourceId"));
    RedisCloudId id = RedisCloudId.of(family, subscriptionId);
    ownership.claim(spec.id(), KIND, name, id.toString());
    if (client.subscription(family, subscriptionId, name).isEmpty()) {
      RedisCloudPending.forget(secrets, name);
      throw ProviderFailures.retryable(call.describe() + ": subscription " + subscriptionId
          + " of an earlier attempt is gone; the next attempt creates it again", null);
    }
    log.info("Redis Cloud {} subscription {} ({}) created in {}", family.label(), name, subscriptionId, region);
    return resource(name, id, null);
  }

  private Resource adopt(EnvironmentSpec spec, RedisCloudPlan plan, RedisCloudSubscription subscription) {
    String name = spec.name();
    List<RedisCloudDatabase> all = client.databases(subscription.family(), subscription.id(), name);
    List<RedisCloudDatabase> ours = named(all, name);
    if (!owned.owns(spec.id(), name, subscription, all, Optional.empty())) {
      throw ProviderFailures.conflict(NAME, "the " + subscription.family().label() + " subscription " + name + " ("
          + subscription.id() + ")");
    }
    if (RedisCloudSubscription.DELETING.equals(subscription.status())) {
      throw ProviderFailures.retryable(NAME + ": subscription " + name + " (" + subscription.id()
          + ") of an earlier environment of this name is still being deleted", RETRY_LATER);
    }
    log.info("Redis Cloud {} subscription {} ({}) adopted", subscription.family().label(), name, subscription.id());
    if (ours.isEmpty()) {
      if (RedisCloudPending.load(secrets, name).isEmpty()) {
        RedisCloudPending.forSpec(spec, plan).save(secrets, name);
      }
      return resource(name, subscription.cloudId(), null);
    }
    RedisCloudDatabase database = ours.get(0);
    return resource(name, RedisCloudId.of(subscription.family(), subscription.id(), database.id()),
        database.location().orElse(null));
  }

  @Override
  public Readiness readiness(Resource resource, long waitingSinceMillis) {
    String name = resource.name();
    RedisCloudId id = RedisCloudId.parse(resource.externalId()).orElseThrow(() -> readiness.failed(
        "Redis Cloud database " + name, "unknown (" + resource.externalId() + " is not a Redis Cloud id)"));
    RedisCloudFamily family = id.family();
    String subscriptionWhat = "Redis Cloud " + family.label() + " subscription " + name;
    RedisCloudSubscription subscription = client.subscription(family, id.subscriptionId(), name)
        .orElseThrow(() -> readiness.failed(subscriptionWhat, "deleted"));
    if (RedisCloudSubscription.ERROR.equals(subscription.status())) {
      throw readiness.failed(subscriptionWhat, subscription.status());
    }
    if (!RedisCloudSubscription.ACTIVE.equals(subscription.status())) {
      return readiness.notReady(subscriptionWhat, subscription.status(), waitingSinceMillis);
    }
    String what = "Redis Cloud database " + name;
    String environmentId = CloudRedisConnections.environmentId(name);
    List<RedisCloudDatabase> ours = named(client.databases(family, subscription.id(), name), name);
    Optional<RedisCloudDatabase> database = ours.stream().findFirst();
    if (database.isEmpty()) {
      RedisCloudPending pending = RedisCloudPending.load(secrets, name).orElseThrow(() -> readiness.failed(what,
          "missing, and the settings to create it are no longer in the secret store; provision again"));
      if (pending.databaseTask() == null) {
        RedisCloudTask task = client.createDatabase(family, subscription.id(), RedisCloudRequests.database(name, pending),
            name);
        pending = pending.withDatabaseTask(task.id());
        pending.save(secrets, name);
      }
      RedisCloudTask done = tasks.await(pending.databaseTask(), RedisCloudClient.call("create database", name),
          pacing.readinessBudget());
      if (!done.completed()) {
        return readiness.notReady(what + " creation task", done.status(), waitingSinceMillis);
      }
      long databaseId = done.resourceId().orElseThrow(() -> readiness.failed(what, "created without a resourceId"));
      ownership.claim(environmentId, KIND, name, RedisCloudId.of(family, subscription.id(), databaseId).toString());
      database = client.database(family, subscription.id(), databaseId, name);
      if (database.isEmpty()) {
        return readiness.notReady(what, "created, not listed yet", waitingSinceMillis);
      }
    }
    RedisCloudDatabase current = database.get();
    if (RedisCloudDatabase.ERROR.equals(current.status())) {
      throw readiness.failed(what, current.status());
    }
    if (!RedisCloudDatabase.ACTIVE.equals(current.status()) || current.credentials().isEmpty()) {
      return readiness.notReady(what, current.status(), waitingSinceMillis);
    }
    connections.store(name, current.credentials().get());
    ownership.claim(environmentId, KIND, name, RedisCloudId.of(family, subscription.id(), current.id()).toString());
    RedisCloudPending.forget(secrets, name);
    return readiness.ready(current.status());
  }

  @Override
  public CheckReport validate(Resource database) {
    return connections.validate(database);
  }

  /**
   * Deletes this environment's database and then its subscription, each through its task, until Redis Cloud no
   * longer has them; see {@link RedisCloudDeletion}.
   */
  @Override
  public void delete(Resource resource) {
    deletion.delete(resource);
  }

  private RedisCloudRequests.EssentialsSubscription essentialsSubscription(String name, RedisCloudPlan plan,
      String region) {
    List<JsonNode> plans = client.essentialsPlans(name);
    JsonNode chosen = plans.stream()
        .filter(p -> region.equals(p.path("region").asText()))
        .filter(p -> plan.free() ? p.path("price").asDouble(-1) == 0
            : plan.matchesSize(p.path("size").asInt(), p.path("sizeMeasurementUnit").asText()))
        .min(Comparator.comparingDouble(p -> p.path("price").asDouble()))
        .orElseThrow(() -> ProviderFailures.nonRetryable(FailureType.INVALID_SPEC, NAME + ": no Essentials plan "
            + plan.name() + " on AWS in " + region + "; the account offers " + String.join(", ", plans.stream()
            .filter(p -> region.equals(p.path("region").asText()))
            .map(p -> p.path("size").asText() + p.path("sizeMeasurementUnit").asText()).distinct().toList())));
    Long payment = chosen.path("price").asDouble() > 0 ? paymentMethod(name) : null;
    return new RedisCloudRequests.EssentialsSubscription(name, chosen.path("id").asLong(), payment);
  }

  private long paymentMethod(String name) {
    return paymentMethod.orElseGet(() -> client.paymentMethods(name).stream().findFirst().orElseThrow(() ->
        ProviderFailures.nonRetryable(FailureType.QUOTA, NAME + ": the account has no payment method, which plans"
            + " other than free need; add one in the Redis Cloud console or set " + PAYMENT_METHOD)));
  }

  static List<RedisCloudDatabase> named(List<RedisCloudDatabase> databases, String name) {
    return databases.stream().filter(database -> name.equals(database.name()))
        .sorted(Comparator.comparingLong(RedisCloudDatabase::id)).toList();
  }

  private static Resource resource(String name, RedisCloudId id, String location) {
    return new Resource(KIND.name(), NAME, name, id.toString(), location);
  }
}
