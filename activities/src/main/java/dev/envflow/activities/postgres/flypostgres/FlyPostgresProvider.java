package dev.envflow.activities.postgres.flypostgres;

import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.cloud.ProviderWait;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.postgres.CloudPostgres;
import dev.envflow.activities.postgres.CloudPostgresServices;
import dev.envflow.activities.postgres.PostgresCredentials;
import dev.envflow.activities.postgres.PostgresProvider;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.sweep.NamedCloudOrphans;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An environment's PostgreSQL as a Fly Managed Postgres cluster (beta) named {@code {app}-{environment}} in the
 * configured organization, on the spec's plan ({@code basic}, {@code launch}, {@code scale}). Ready when Fly says
 * {@code ready} and has published its endpoints; then the password of the cluster's user ({@code fly-user}) is
 * read from the credentials endpoint: migrations and checks go to {@code endpoints.primary.direct}, the
 * application's {@code DATABASE_URL} to {@code endpoints.primary.pooler}, both on database {@code fly-db}. The
 * endpoints are on the organization's private network: the worker must be able to reach it (run it on Fly, or
 * through a WireGuard peer).
 */
public final class FlyPostgresProvider implements PostgresProvider {

  private static final Logger log = LoggerFactory.getLogger(FlyPostgresProvider.class);

  private final FlyPostgresSettings settings;
  private final FlyPostgresApi api;
  private final CloudPostgresServices services;

  public FlyPostgresProvider(FlyPostgresSettings settings, SecretStore secrets, ResourceOwnership ownership,
      ReadinessPolicy readiness) {
    this(settings, FlyPostgresApi.client(settings), secrets, ownership, readiness, ProviderWait.DEFAULT);
  }

  /** With a given HTTP client and deletion wait (tests shorten timeouts and pauses). */
  public FlyPostgresProvider(FlyPostgresSettings settings, ProviderHttpClient http, SecretStore secrets,
      ResourceOwnership ownership, ReadinessPolicy readiness, ProviderWait deletion) {
    this.settings = settings;
    this.api = new FlyPostgresApi(http);
    this.services = new CloudPostgresServices(secrets, ownership, readiness, deletion);
  }

  @Override
  public String name() {
    return FlyPostgresSettings.PROVIDER;
  }

  @Override
  public Resource create(EnvironmentSpec spec) {
    String name = spec.name();
    String region = FlyRegions.code(CloudPostgres.cloudRegion(spec, "iad"));
    Optional<FlyPostgresCluster> adopted = ownedCluster(spec.id(), name, true);
    FlyPostgresCluster cluster;
    if (adopted.isPresent()) {
      cluster = adopted.get();
      log.info("{} is this environment's: adopting it", cluster.describe());
    } else {
      cluster = api.create(settings.organization(), name, region, spec.postgres().plan(), spec.postgres().version());
      log.info("{} created in organization {}, region {}, plan {} (beta)", cluster.describe(), settings.organization(),
          region, spec.postgres().plan());
    }
    services.ownership().claim(spec.id(), CloudPostgres.KIND, name, cluster.id());
    return new Resource(CloudPostgres.KIND.name(), name(), name, cluster.id(),
        "https://fly.io/dashboard/" + settings.organization() + "/managed_postgres/" + cluster.id());
  }

  /**
   * Ready once the cluster is {@code ready} with both endpoints published; then its connections go to the secret
   * store. A failed cluster stops the wait at once.
   */
  @Override
  public Readiness readiness(Resource database, long waitingSinceMillis) {
    String name = database.name();
    String id = database.externalId();
    String what = "Fly Managed Postgres cluster " + name;
    FlyPostgresCluster cluster = api.cluster(id, name)
        .orElseThrow(() -> services.readiness().failed(what, "gone (the API answers 404 for " + id + ")"));
    if (FlyPostgresCluster.FAILED.contains(cluster.status()) || cluster.deleted()) {
      throw services.readiness().failed(what, cluster.status());
    }
    if (!FlyPostgresCluster.READY.equals(cluster.status())) {
      return services.readiness().notReady(what, cluster.status().isBlank() ? "(no status)" : cluster.status(),
          waitingSinceMillis);
    }
    if (cluster.direct().isEmpty() || cluster.pooler().isEmpty()) {
      return services.readiness().notReady(what, "ready, endpoints not published yet", waitingSinceMillis);
    }
    String user = settings.login().userFor(id);
    String password = api.password(id, name, user);
    if (password.isEmpty()) {
      throw ProviderFailures.nonRetryable(FailureType.PROVIDER_UNAVAILABLE, "fly-postgres: the credentials of "
          + user + " on cluster " + name + " (" + id + ") came back without a password");
    }
    String db = settings.login().databaseFor(id);
    FlyPostgresCluster.Endpoint direct = cluster.direct().get();
    FlyPostgresCluster.Endpoint pooler = cluster.pooler().get();
    PostgresCredentials owner = new PostgresCredentials(user, password, direct.host(), direct.port(), db,
        settings.sslMode());
    String application = new PostgresCredentials(user, password, pooler.host(), pooler.port(), db).toUrl();
    CloudPostgres.storeConnections(services.secrets(), name, owner, Optional.of(application));
    return services.readiness().ready(FlyPostgresCluster.READY);
  }

  /**
   * Deletes the cluster and waits until Fly no longer shows it. A planned reference (the create never answered)
   * is found by name and deleted only when it is this environment's; a same-named cluster of someone else is left
   * untouched.
   */
  @Override
  public void delete(Resource database) {
    services.delete(database,
        name -> ownedCluster(CloudPostgres.environmentId(name), name, false).map(FlyPostgresCluster::id),
        this::deleteAndWait);
  }

  /** Managed Postgres clusters carry only their name: see {@link NamedCloudOrphans}. */
  @Override
  public OrphanFinder orphanFinder() {
    return new NamedCloudOrphans(name(), CloudPostgres.KIND, "Fly Managed Postgres cluster",
        new FlyPostgresOrphans(this, api, settings.organization(), services.secrets()));
  }

  /** Deletes the cluster and waits until Fly no longer shows it; already gone is fine. */
  void deleteAndWait(String id, String name) {
    Optional<FlyPostgresCluster> current = api.cluster(id, name);
    if (current.isEmpty() || current.get().gone()) {
      log.info("Fly Managed Postgres cluster {} ({}) is already gone", name, id);
      return;
    }
    if (!current.get().deleted()) {
      api.delete(id, name);
    }
    services.providerWait().until(current.get().describe(), "deleted", () -> api.cluster(id, name)
        .filter(cluster -> !cluster.gone())
        .map(cluster -> cluster.status().isBlank() ? "still listed" : cluster.status()));
    log.info("Fly Managed Postgres cluster {} ({}) deleted", name, id);
  }

  /**
   * The same-named cluster in the organization that this environment owns. When {@code creating}, a same-named
   * cluster it does not own is a CONFLICT; when deleting, it is left alone.
   */
  private Optional<FlyPostgresCluster> ownedCluster(String environmentId, String name, boolean creating) {
    List<FlyPostgresCluster> sameName = api.clusters(settings.organization(), name).stream()
        .filter(cluster -> cluster.name().equals(name) && !cluster.deleted())
        .toList();
    return services.owned(environmentId, name, sameName, FlyPostgresCluster::id, FlyPostgresCluster::createdAt, ids -> {
      if (creating) {
        throw ProviderFailures.conflict(name(), "Managed Postgres cluster " + name + " (" + ids + ") in organization "
            + settings.organization());
      }
      log.warn("Fly Managed Postgres cluster {} ({}) was not created by envflow for this environment; left untouched",
          name, ids);
    });
  }
}
