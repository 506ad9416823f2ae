package dev.envflow.activities.redis.flyupstash;

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
import dev.envflow.activities.sweep.NamedCloudOrphans;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BETA. An environment's Redis as an Upstash Redis add-on of Fly.io, named {@code {app}-{environment}}, through
 * Fly's GraphQL API as {@code flyctl redis create/status/destroy} use it ({@code createAddOn} of type
 * {@code upstash_redis}, {@code addOn(name)}, {@code deleteAddOn}); Fly gives that API no stability guarantee.
 * The application's URL is the add-on's {@code publicUrl} as given.
 */
public final class FlyUpstashProvider implements RedisProvider {

  public static final String NAME = "fly-upstash";
  public static final String TOKEN = "FLY_API_TOKEN";
  public static final String ORG = "FLY_ORG";
  public static final String DEFAULT_ORG = "personal";
  public static final String GRAPHQL_URL = "ENVFLOW_FLY_GRAPHQL_URL";
  public static final String DEFAULT_GRAPHQL_URL = "https://api.fly.io/graphql";
  /** flyctl's plan ids ({@code internal/command/redis/create.go}); other plans are looked up by name. */
  static final Map<String, String> KNOWN_PLANS = Map.of("free", "x7M0gyB764ggwt6YZLRK", "payg", "ekQ85Yjkw155ohQ5ALYq0M");
  private static final ResourceKind KIND = ResourceKind.REDIS_USER;
  private static final Logger log = LoggerFactory.getLogger(FlyUpstashProvider.class);

  private static final String ORGANIZATION = "query($slug: String!) { organization(slug: $slug) { id slug } }";
  private static final String ADD_ON = "query($name: String) { addOn(name: $name) { " + FlyAddOn.FIELDS + " } }";
  private static final String PLANS = "query { addOnPlans { nodes { id name displayName pricePerMonth } } }";
  private static final String CREATE = "mutation($input: CreateAddOnInput!) { createAddOn(input: $input) { addOn { "
      + FlyAddOn.FIELDS + " } } }";
  private static final String DELETE = "mutation($name: String) { deleteAddOn(input: {name: $name}) { deletedAddOnName } }";

  private final FlyGraphqlClient graphql;
  private final String organization;
  private final CloudRedisConnections connections;
  private final ResourceOwnership ownership;
  private final ReadinessPolicy readiness;

  FlyUpstashProvider(FlyGraphqlClient graphql, String organization, CloudRedisConnections connections,
      ResourceOwnership ownership, ReadinessPolicy readiness) {
    this.graphql = graphql;
    this.organization = organization;
    this.connections = connections;
    this.ownership = ownership;
    this.readiness = readiness;
  }

  /** The provider configured from {@link #TOKEN} (which must be set), {@link #ORG} and {@link #GRAPHQL_URL}. */
  public static FlyUpstashProvider configured(ProviderVariables variables, SecretStore secrets,
      ResourceOwnership ownership, ReadinessPolicy readiness, RedisTls tls) {
    FlyGraphqlClient graphql = FlyGraphqlClient.connect(variables.getOrDefault(GRAPHQL_URL, DEFAULT_GRAPHQL_URL),
        variables.required(TOKEN));
    return new FlyUpstashProvider(graphql, variables.getOrDefault(ORG, DEFAULT_ORG),
        new CloudRedisConnections(NAME, secrets, tls), ownership, readiness);
  }

  /** Available when {@link #TOKEN} is set ({@link #ORG} defaults to {@value #DEFAULT_ORG}); always beta. */
  public static ProviderAvailability availability(ProviderVariables variables) {
    return ProviderAvailability.needing("redis", NAME, variables.missing(TOKEN)).asBeta();
  }

  public static List<String> variables() {
    return List.of(TOKEN);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Resource create(EnvironmentSpec spec) {
    String name = spec.name();
    String region = CloudRegions.fly(NAME, spec.region());
    Optional<FlyAddOn> existing = find(name);
    FlyAddOn addOn;
    if (existing.isPresent()) {
      addOn = existing.get();
      if (!ours(spec.id(), addOn)) {
        throw ProviderFailures.conflict(NAME, "the Upstash Redis add-on " + name + " (" + addOn.id() + ", organization "
            + addOn.organization() + ")");
      }
      log.info("Fly Upstash Redis {} ({}) adopted", name, addOn.id());
    } else {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("organizationId", organizationId(name));
      input.put("type", "upstash_redis");
      input.put("name", name);
      input.put("planId", planId(name, spec.redis().plan()));
      input.put("primaryRegion", region);
      input.put("readRegions", List.of());
      input.put("options", "noeviction".equals(spec.redis().evictionPolicy()) ? Map.of() : Map.of("eviction", true));
      ProviderCall call = call("create Upstash Redis add-on", name);
      JsonNode data = graphql.run(call, CREATE, Map.of("input", input))
          .orElseThrow(() -> ProviderFailures.nonRetryable(FailureType.REQUEST_REJECTED,
              call.describe() + ": Fly answered not found (is FLY_ORG " + organization + " right?)"));
      addOn = FlyAddOn.from(data.path("createAddOn").path("addOn"));
      ownership.claim(spec.id(), KIND, name, addOn.id());
      log.info("Fly Upstash Redis {} ({}) created in {}", name, addOn.id(), region);
    }
    if (addOn.ready()) {
      connections.storeUrl(name, addOn.publicUrl());
    }
    return new Resource(KIND.name(), NAME, name, addOn.id(), addOn.location().orElse(null));
  }

  @Override
  public Readiness readiness(Resource database, long waitingSinceMillis) {
    String what = "Fly Upstash Redis " + database.name();
    FlyAddOn addOn = find(database.name()).orElseThrow(() -> readiness.failed(what, "deleted"));
    if (addOn.failed()) {
      throw readiness.failed(what, "error" + (addOn.errorMessage() == null ? "" : " (" + addOn.errorMessage() + ")"));
    }
    if (!addOn.ready()) {
      return readiness.notReady(what, addOn.status().isBlank() ? "without a URL yet" : addOn.status(),
          waitingSinceMillis);
    }
    connections.storeUrl(database.name(), addOn.publicUrl());
    return readiness.ready(addOn.status().isBlank() ? "ready" : addOn.status());
  }

  @Override
  public CheckReport validate(Resource database) {
    return connections.validate(database);
  }

  /** Deletes the add-on this environment owns; a same-named one it does not own is left untouched. */
  @Override
  public void delete(Resource database) {
    String name = database.name();
    Optional<FlyAddOn> found = find(name);
    if (found.isPresent()) {
      FlyAddOn addOn = found.get();
      boolean planned = CloudRedisConnections.isPlanned(database);
      boolean sameId = planned || addOn.id().equals(database.externalId());
      if (!sameId || !ours(CloudRedisConnections.environmentId(name), addOn)) {
        if (!planned && sameId) {
          throw ProviderFailures.conflict(NAME, "the Upstash Redis add-on " + name + " (" + addOn.id() + ")");
        }
        log.warn("Fly Upstash Redis {} ({}) is not this environment's; left untouched", name, addOn.id());
      } else {
        deleteAddOn(name);
        log.info("Fly Upstash Redis {} ({}) deleted", name, addOn.id());
      }
    }
    connections.forget(name);
  }

  /** Fly's Upstash add-ons carry only their name: see {@link NamedCloudOrphans}. */
  @Override
  public OrphanFinder orphanFinder() {
    return new NamedCloudOrphans(NAME, KIND, "Fly Upstash Redis add-on", new FlyUpstashOrphans(this, organization,
        connections));
  }

  /** Deletes the add-on named {@code name} and checks that it is gone. */
  void deleteAddOn(String name) {
    graphql.run(call("delete Upstash Redis add-on", name), DELETE, Map.of("name", name));
    if (find(name).isPresent()) {
      throw ProviderFailures.retryable(NAME + ": delete Upstash Redis add-on " + name + ": still there", null);
    }
  }

  /** Ours: in this worker's organization, and the inventory's record for the environment says so. */
  private boolean ours(String environmentId, FlyAddOn addOn) {
    return organization.equals(addOn.organization())
        && ownership.owns(environmentId, KIND, addOn.name(), addOn.id(), Optional.empty());
  }

  Optional<FlyAddOn> find(String name) {
    return graphql.run(call("get Upstash Redis add-on", name), ADD_ON, Map.of("name", name))
        .map(data -> data.path("addOn"))
        .filter(addOn -> addOn.isObject())
        .map(FlyAddOn::from);
  }

  private String organizationId(String name) {
    ProviderCall call = call("find organization " + organization + " for", name);
    return graphql.run(call, ORGANIZATION, Map.of("slug", organization))
        .map(data -> data.path("organization").path("id").asText(null))
        .filter(id -> id != null && !id.isBlank())
        .orElseThrow(() -> ProviderFailures.nonRetryable(FailureType.BAD_CREDENTIALS, call.describe()
            + ": Fly has no organization " + organization + " for this token (check " + ORG + ")"));
  }

  private String planId(String name, String plan) {
    String wanted = plan == null || plan.isBlank() ? "free" : plan.trim().toLowerCase(Locale.ROOT);
    if (KNOWN_PLANS.containsKey(wanted)) {
      return KNOWN_PLANS.get(wanted);
    }
    JsonNode plans = graphql.run(call("list add-on plans for", name), PLANS, Map.of())
        .map(data -> data.path("addOnPlans").path("nodes")).orElseThrow();
    List<String> names = new ArrayList<>();
    for (JsonNode node : plans) {
      String planName = node.path("name").asText("");
      String display = node.path("displayName").asText("");
      if (wanted.equalsIgnoreCase(planName) || wanted.equalsIgnoreCase(display)) {
        return node.path("id").asText();
      }
      names.add(planName.isBlank() ? display : planName);
    }
    throw ProviderFailures.nonRetryable(FailureType.INVALID_SPEC, NAME + ": plan " + plan
        + " is not a Fly Upstash Redis plan; use free, payg or one of " + String.join(", ", names));
  }

  private static ProviderCall call(String operation, String name) {
    return ProviderCall.of(NAME, operation, name);
  }
}
