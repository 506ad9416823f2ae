package dev.envflow.activities.postgres.supabase;

import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.cloud.ProviderWait;
import dev.envflow.activities.cloud.ReadinessPolicy;
import dev.envflow.activities.cloud.ResourceOwnership;
import dev.envflow.activities.postgres.CloudPostgres;
import dev.envflow.activities.postgres.CloudPostgresServices;
import dev.envflow.activities.postgres.PostgresCredentials;
import dev.envflow.activities.postgres.PostgresProvider;
import dev.envflow.activities.postgres.PostgresSecrets;
import dev.envflow.activities.postgres.StrongPasswords;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.sweep.NamedCloudOrphans;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An environment's PostgreSQL as a Supabase project named {@code {app}-{environment}} in the configured
 * organization. envflow chooses the database password and keeps it in the worker's secret store before it asks
 * for the project, so a worker that dies during the create still knows it when the retry adopts the project.
 * Migrations and checks use the direct connection ({@code database.host}:5432, user and database
 * {@code postgres}); the application's {@code DATABASE_URL} is the primary pooler's transaction-mode connection
 * string with the password filled in.
 */
public final class SupabasePostgresProvider implements PostgresProvider {

  private static final Logger log = LoggerFactory.getLogger(SupabasePostgresProvider.class);

  private final SupabaseSettings settings;
  private final SupabaseApi api;
  private final CloudPostgresServices services;

  public SupabasePostgresProvider(SupabaseSettings settings, SecretStore secrets, ResourceOwnership ownership,
      ReadinessPolicy readiness) {
    this(settings, SupabaseApi.client(settings), secrets, ownership, readiness, ProviderWait.DEFAULT);
  }

  /** With a given HTTP client and deletion wait (tests shorten timeouts and pauses). */
  public SupabasePostgresProvider(SupabaseSettings settings, ProviderHttpClient http, SecretStore secrets,
      ResourceOwnership ownership, ReadinessPolicy readiness, ProviderWait deletion) {
    this.settings = settings;
    this.api = new SupabaseApi(http);
    this.services = new CloudPostgresServices(secrets, ownership, readiness, deletion);
  }

  @Override
  public String name() {
    return SupabaseSettings.PROVIDER;
  }

  @Override
  public Resource create(EnvironmentSpec spec) {
    String name = spec.name();
    String region = SupabaseRegions.code(CloudPostgres.cloudRegion(spec, "us-east-1"));
    Optional<SupabaseProject> adopted = ownedProject(spec.id(), name, true);
    SupabaseProject project;
    if (adopted.isPresent()) {
      project = adopted.get();
      storedPassword(name).orElseThrow(() -> lostPassword(name, project.ref()));
      log.info("{} is this environment's: adopting it", project.describe());
    } else {
      String password = storedPassword(name).orElseGet(() -> {
        String chosen = StrongPasswords.generate();
        services.secrets().put(CloudPostgres.passwordKey(name), chosen);
        return chosen;
      });
      project = createProject(name, password, region);
      log.info("{} created in organization {}, region {}", project.describe(), settings.organization(), region);
    }
    services.ownership().claim(spec.id(), CloudPostgres.KIND, name, project.ref());
    Optional<String> host = project.databaseHost().or(() -> api.project(project.ref(), name)
        .flatMap(SupabaseProject::databaseHost));
    return new Resource(CloudPostgres.KIND.name(), name(), name, project.ref(), location(project.ref(), host));
  }

  /**
   * Ready once the project is {@code ACTIVE_HEALTHY} and its primary pooler takes transactions; then its
   * connections go to the secret store. A project in a state it does not leave on its own fails at once.
   */
  @Override
  public Readiness readiness(Resource database, long waitingSinceMillis) {
    String name = database.name();
    String ref = database.externalId();
    String what = "Supabase project " + name;
    SupabaseProject project = api.project(ref, name)
        .orElseThrow(() -> services.readiness().failed(what, "gone (the API answers 404 for ref " + ref + ")"));
    if (SupabaseProject.FAILED.contains(project.status())) {
      throw services.readiness().failed(what, project.status() + hint(project.status()));
    }
    if (!SupabaseProject.ACTIVE_HEALTHY.equals(project.status())) {
      return services.readiness().notReady(what, project.status(), waitingSinceMillis);
    }
    if (project.databaseHost().isEmpty()) {
      return services.readiness().notReady(what, "ACTIVE_HEALTHY without a database host yet", waitingSinceMillis);
    }
    String password = storedPassword(name).orElseThrow(() -> lostPassword(name, ref));
    Optional<SupabasePooler> pooler = transactionPooler(ref, name);
    if (pooler.isEmpty()) {
      return services.readiness().notReady(what, "ACTIVE_HEALTHY, pooler not in transaction mode yet",
          waitingSinceMillis);
    }
    SupabaseDirectConnection direct = settings.direct();
    PostgresCredentials owner = new PostgresCredentials(direct.userFor(ref), password, project.databaseHost().get(),
        direct.port(), direct.databaseFor(ref), settings.sslMode());
    CloudPostgres.storeConnections(services.secrets(), name, owner,
        Optional.of(applicationUrl(pooler.get(), password, name)));
    return services.readiness().ready(SupabaseProject.ACTIVE_HEALTHY);
  }

  /**
   * Deletes the project and waits until the API says it is gone. A planned reference (the create never
   * answered) is found by name and deleted only when it is this environment's; a same-named project of
   * someone else is left untouched.
   */
  @Override
  public void delete(Resource database) {
    services.delete(database,
        name -> ownedProject(CloudPostgres.environmentId(name), name, false).map(SupabaseProject::ref),
        this::deleteAndWait);
  }

  private SupabaseProject createProject(String name, String password, String region) {
    try {
      return api.create(name, settings.organization(), password, region);
    } catch (ApplicationFailure failure) {
      throw CloudPostgres.withoutSecret(failure, password);
    }
  }

  /** Supabase projects carry only their name: see {@link NamedCloudOrphans}. */
  @Override
  public OrphanFinder orphanFinder() {
    return new NamedCloudOrphans(name(), CloudPostgres.KIND, "Supabase project",
        new SupabaseOrphans(this, api, services.secrets()));
  }

  /** Deletes the project and waits until Supabase shows it removed; already gone is fine. */
  void deleteAndWait(String ref, String name) {
    Optional<SupabaseProject> current = api.project(ref, name);
    if (current.isEmpty() || SupabaseProject.REMOVED.equals(current.get().status())) {
      log.info("Supabase project {} (ref {}) is already gone", name, ref);
      return;
    }
    if (!SupabaseProject.GOING_DOWN.equals(current.get().status())) {
      api.delete(ref, name);
    }
    services.providerWait().until(current.get().describe(), "deleted", () -> api.project(ref, name)
        .map(SupabaseProject::status)
        .filter(status -> !SupabaseProject.REMOVED.equals(status)));
    log.info("Supabase project {} (ref {}) deleted", name, ref);
  }

  /**
   * The same-named project in the organization that this environment owns. Projects being deleted are no one's.
   * When {@code creating}, a same-named project it does not own is a CONFLICT; when deleting, it is left alone.
   */
  private Optional<SupabaseProject> ownedProject(String environmentId, String name, boolean creating) {
    List<SupabaseProject> sameName = api.projects(name).stream()
        .filter(project -> project.name().equals(name))
        .filter(project -> settings.organization().equals(project.organizationSlug()))
        .filter(project -> creating ? !project.goingAway() : !SupabaseProject.REMOVED.equals(project.status()))
        .toList();
    return services.owned(environmentId, name, sameName, SupabaseProject::ref, SupabaseProject::createdAt, refs -> {
      if (creating) {
        throw ProviderFailures.conflict(name(), "project " + name + " (ref " + refs + ") in organization "
            + settings.organization());
      }
      log.warn("Supabase project {} (ref {}) was not created by envflow for this environment; left untouched", name,
          refs);
    });
  }

  /** The primary pooler in transaction mode; a primary in session mode is switched to transaction mode first. */
  private Optional<SupabasePooler> transactionPooler(String ref, String name) {
    List<SupabasePooler> poolers = api.poolers(ref, name);
    Optional<SupabasePooler> primary = transactionPrimary(poolers);
    if (primary.isEmpty() && SupabasePooler.primary(poolers).isPresent()) {
      log.info("Supabase project {}: switching the pooler to transaction mode", name);
      api.usePoolMode(ref, name, SupabasePooler.TRANSACTION);
      primary = transactionPrimary(api.poolers(ref, name));
    }
    return primary;
  }

  private static Optional<SupabasePooler> transactionPrimary(List<SupabasePooler> poolers) {
    return poolers.stream()
        .filter(pooler -> SupabasePooler.PRIMARY.equals(pooler.databaseType()) && pooler.transactionMode())
        .findFirst();
  }

  private String applicationUrl(SupabasePooler pooler, String password, String name) {
    if (!pooler.connectionString().contains(SupabasePooler.PASSWORD_PLACEHOLDER)) {
      throw ProviderFailures.nonRetryable(FailureType.PROVIDER_UNAVAILABLE, "supabase: the primary pooler's"
          + " connection_string of project " + name + " has no " + SupabasePooler.PASSWORD_PLACEHOLDER
          + " placeholder; envflow does not guess where the password goes");
    }
    return pooler.connectionString().replace(SupabasePooler.PASSWORD_PLACEHOLDER, CloudPostgres.urlEncoded(password));
  }

  /** The password envflow chose for the project: kept before the create, or in the owner's stored connection. */
  private Optional<String> storedPassword(String name) {
    return services.secrets().get(CloudPostgres.passwordKey(name))
        .or(() -> services.secrets().get(PostgresSecrets.ownerKey(name))
            .map(url -> PostgresCredentials.fromUrl(url).password()));
  }

  private ApplicationFailure lostPassword(String name, String ref) {
    return ProviderFailures.nonRetryable(FailureType.BAD_CREDENTIALS, "supabase: project " + name + " (ref " + ref
        + ") is this environment's, but the database password envflow chose for it is not in the worker's secret"
        + " store (key " + CloudPostgres.passwordKey(name) + "), and Supabase never shows it again. Either reset it"
        + " (Supabase dashboard, Project Settings > Database, or PATCH /v1/projects/" + ref + "/database/password)"
        + " and store the new one under that key, or tear the environment down, which deletes the project, and"
        + " provision it again");
  }

  private String location(String ref, Optional<String> host) {
    SupabaseDirectConnection direct = settings.direct();
    return host.map(h -> "postgresql://" + h + ":" + direct.port() + "/" + direct.databaseFor(ref))
        .orElse("https://supabase.com/dashboard/project/" + ref);
  }

  private static String hint(String status) {
    return switch (status) {
      case "INACTIVE", "PAUSING" -> " (the project is paused; restore it in the Supabase dashboard)";
      case "INIT_FAILED" -> " (Supabase could not set the project up; delete it and provision again)";
      case "GOING_DOWN", "REMOVED" -> " (the project is being deleted)";
      default -> "";
    };
  }
}
