package dev.envflow.activities.postgres.neon;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An environment's PostgreSQL as a Neon project named {@code {app}-{environment}}, whose default branch holds a
 * database and an owner role named after the environment ({@code synckairos_staging},
 * {@code synckairos_staging_owner}). When the spec names a branch, envflow adds it (from the default branch, with
 * its own read-write compute) and the environment uses it. Connection URIs are Neon's, as given: the owner's for
 * migrations and checks (with envflow's sslmode), the pooled one as the application's {@code DATABASE_URL}. Ready
 * once every operation Neon runs on the project has finished.
 */
public final class NeonPostgresProvider implements PostgresProvider {

  private static final Logger log = LoggerFactory.getLogger(NeonPostgresProvider.class);
  private static final String OWNER_SUFFIX = "_owner";
  private static final int MAX_IDENTIFIER_LENGTH = 63;

  private final NeonSettings settings;
  private final NeonApi api;
  private final CloudPostgresServices services;

  public NeonPostgresProvider(NeonSettings settings, SecretStore secrets, ResourceOwnership ownership,
      ReadinessPolicy readiness) {
    this(settings, NeonApi.client(settings), secrets, ownership, readiness, ProviderWait.DEFAULT);
  }

  /**
   * With a given HTTP client and wait (tests shorten them). The wait bounds how long one attempt waits for the
   * project's operations before adding a branch, and for a deleted project to disappear.
   */
  public NeonPostgresProvider(NeonSettings settings, ProviderHttpClient http, SecretStore secrets,
      ResourceOwnership ownership, ReadinessPolicy readiness, ProviderWait wait) {
    this.settings = settings;
    this.api = new NeonApi(http, settings.organization());
    this.services = new CloudPostgresServices(secrets, ownership, readiness, wait);
  }

  @Override
  public String name() {
    return NeonSettings.PROVIDER;
  }

  @Override
  public Resource create(EnvironmentSpec spec) {
    String name = spec.name();
    String regionId = NeonRegions.regionId(CloudPostgres.cloudRegion(spec, "aws-us-east-1"));
    String database = database(name);
    String role = role(name);
    Optional<NeonProject> adopted = ownedProject(spec.id(), name, true);
    String projectId;
    String branchId;
    Optional<String> ownerUri = Optional.empty();
    if (adopted.isPresent()) {
      projectId = adopted.get().id();
      services.ownership().claim(spec.id(), CloudPostgres.KIND, name, projectId);
      log.info("Neon project {} ({}) is this environment's: adopting it", name, projectId);
      branchId = api.defaultBranch(projectId, name).map(NeonBranch::id).orElseThrow(() -> ProviderFailures.nonRetryable(
          FailureType.PROVIDER_UNAVAILABLE, "neon: project " + name + " (" + projectId + ") has no default branch"));
    } else {
      NeonApi.CreatedProject created = api.create(name, regionId, spec.postgres().version(), database, role);
      projectId = created.project().id();
      services.ownership().claim(spec.id(), CloudPostgres.KIND, name, projectId);
      log.info("Neon project {} ({}) created in {}", name, projectId, regionId);
      branchId = created.defaultBranchId();
      ownerUri = created.connectionUri(database, role);
    }
    String branch = spec.postgres().branch();
    if (branch != null) {
      branchId = branch(projectId, name, branch);
      ownerUri = Optional.empty();
    }
    String owner = ownerUri.isPresent() ? ownerUri.get()
        : api.connectionUri(projectId, name, branchId, database, role, false);
    String pooled = api.connectionUri(projectId, name, branchId, database, role, true);
    PostgresCredentials credentials = credentials(owner, name).withSslMode(settings.sslMode());
    credentials(pooled, name);
    CloudPostgres.storeConnections(services.secrets(), name, credentials, Optional.of(pooled));
    return new Resource(CloudPostgres.KIND.name(), name(), name, projectId, credentials.location());
  }

  /** Ready once no operation on the project is still going; a failed one stops the wait. */
  @Override
  public Readiness readiness(Resource database, long waitingSinceMillis) {
    String name = database.name();
    String projectId = database.externalId();
    String what = "Neon project " + name;
    api.project(projectId, name)
        .orElseThrow(() -> services.readiness().failed(what, "gone (the API answers 404 for " + projectId + ")"));
    Optional<String> pending = pending(projectId, name, what);
    return pending.isPresent() ? services.readiness().notReady(what, pending.get(), waitingSinceMillis)
        : services.readiness().ready("operations finished");
  }

  /**
   * Deletes the project (its branches and computes with it). A planned reference (the create never answered)
   * is found by name and deleted only when it is this environment's; a same-named project of someone else is
   * left untouched.
   */
  @Override
  public void delete(Resource database) {
    services.delete(database,
        name -> ownedProject(CloudPostgres.environmentId(name), name, false).map(NeonProject::id),
        this::deleteAndWait);
  }

  /** Neon projects carry only their name: see {@link NamedCloudOrphans}. */
  @Override
  public OrphanFinder orphanFinder() {
    return new NamedCloudOrphans(name(), CloudPostgres.KIND, "Neon project",
        new NeonOrphans(this, api, services.secrets()));
  }

  /** Deletes the project with this id and waits until Neon answers 404 for it; already gone is fine. */
  void deleteAndWait(String id, String name) {
    if (api.delete(id, name)) {
      services.providerWait().until("Neon project " + name + " (" + id + ")", "deleted",
          () -> api.project(id, name).map(project -> "still listed"));
      log.info("Neon project {} ({}) deleted", name, id);
    } else {
      log.info("Neon project {} ({}) is already gone", name, id);
    }
  }

  /** The branch's id: found by name, or created once the project's own operations are done (else Neon answers 423). */
  private String branch(String projectId, String name, String branch) {
    List<NeonBranch> existing = api.branchesNamed(projectId, name, branch);
    if (!existing.isEmpty()) {
      return existing.get(0).id();
    }
    String what = "Neon project " + name;
    services.providerWait().until(what, "ready for branch " + branch, () -> pending(projectId, name, what));
    NeonBranch created = api.createBranch(projectId, name, branch);
    log.info("Neon branch {} ({}) of project {} created", branch, created.id(), name);
    return created.id();
  }

  /** The latest operation on each thing that is still going, e.g. {@code start_compute running}; failed ones throw. */
  private Optional<String> pending(String projectId, String name, String what) {
    Map<String, NeonOperation> latest = new LinkedHashMap<>();
    for (NeonOperation operation : api.operations(projectId, name)) {
      latest.putIfAbsent(operation.subject(), operation);
    }
    for (NeonOperation operation : latest.values()) {
      if (NeonOperation.FAILED.contains(operation.status())) {
        throw services.readiness().failed(what, operation.describe());
      }
    }
    return latest.values().stream()
        .filter(operation -> NeonOperation.PENDING.contains(operation.status()))
        .map(operation -> operation.action() + " " + operation.status())
        .findFirst();
  }

  /**
   * The same-named project (in the configured organization) that this environment owns. When {@code creating},
   * a same-named project it does not own is a CONFLICT; when deleting, it is left alone.
   */
  private Optional<NeonProject> ownedProject(String environmentId, String name, boolean creating) {
    return services.owned(environmentId, name, api.projectsNamed(name), NeonProject::id, NeonProject::createdAt,
        ids -> {
          if (creating) {
            throw ProviderFailures.conflict(name(), "project " + name + " (" + ids + ")");
          }
          log.warn("Neon project {} ({}) was not created by envflow for this environment; left untouched", name, ids);
        });
  }

  private static PostgresCredentials credentials(String uri, String name) {
    try {
      return PostgresCredentials.fromUrl(uri);
    } catch (IllegalArgumentException e) {
      throw ProviderFailures.nonRetryable(FailureType.PROVIDER_UNAVAILABLE,
          "neon: the connection URI Neon gave for project " + name + " is not a postgresql:// URL");
    }
  }

  static String database(String name) {
    return CloudPostgres.identifier(name);
  }

  static String role(String name) {
    String database = database(name);
    int room = MAX_IDENTIFIER_LENGTH - OWNER_SUFFIX.length();
    return (database.length() > room ? database.substring(0, room) : database) + OWNER_SUFFIX;
  }
}
