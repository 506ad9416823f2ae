package dev.envflow.activities.postgres;

import dev.envflow.activities.cloud.ProviderRegistry;
import dev.envflow.activities.cloud.ShortReadinessWait;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.activities.PostgresActivities;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.MigrationReport;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.List;

/**
 * The PostgreSQL activities: each call goes to the provider the spec (or the resource) names; migrations and checks
 * are the same for every real database, run with the owner credentials its provider stored.
 */
public final class PostgresActivitiesImpl implements PostgresActivities {

  private final ProviderRegistry<PostgresProvider> providers;
  private final SecretStore secrets;
  private final ShortReadinessWait shortWait;

  /** Each readiness call is one look. */
  public PostgresActivitiesImpl(List<PostgresProvider> providers, SecretStore secrets) {
    this(providers, secrets, ShortReadinessWait.NONE);
  }

  public PostgresActivitiesImpl(List<PostgresProvider> providers, SecretStore secrets, ShortReadinessWait shortWait) {
    this.providers = new ProviderRegistry<>("postgres", providers, PostgresProvider::name);
    this.secrets = secrets;
    this.shortWait = shortWait;
  }

  @Override
  public Resource createDatabase(EnvironmentSpec spec) {
    return providers.get(spec.postgres().provider()).create(spec);
  }

  @Override
  public Readiness postgresReadiness(Resource database, long waitingSinceMillis) {
    return shortWait.look(() -> providers.get(database.provider()).readiness(database, waitingSinceMillis));
  }

  @Override
  public MigrationReport migrateDatabase(Resource database, String location) {
    return providers.get(database.provider()).migrate(database, location, secrets);
  }

  @Override
  public CheckReport validateDatabase(Resource database, String location) {
    return providers.get(database.provider()).validate(database, location, secrets);
  }

  @Override
  public void deleteDatabase(Resource database) {
    providers.get(database.provider()).delete(database);
  }

  /** What the orphan sweep may ask each of these providers. */
  public List<OrphanFinder> orphanFinders() {
    return providers.all().stream().map(PostgresProvider::orphanFinder).toList();
  }
}
