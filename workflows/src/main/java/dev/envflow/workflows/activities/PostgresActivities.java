package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.MigrationReport;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;

/**
 * An environment's PostgreSQL, from the provider the spec names: for {@code local}, a login role and a database
 * it owns; for a cloud provider, a project (or add-on) named {@code {app}-{environment}}. The implementation
 * dispatches on the spec's (or the resource's) provider.
 */
@ActivityInterface
public interface PostgresActivities {

  /**
   * Creates the environment's role and database, or adopts them when envflow created them before (the name
   * is the idempotency key). The credentials go to the worker's secret store, never into the result. A role
   * or database of that name that envflow does not own is a non-retryable CONFLICT.
   */
  Resource createDatabase(EnvironmentSpec spec);

  /**
   * One look at whether the database created above accepts connections; not ready means look again after
   * {@link Readiness#pollAfterMillis()}. Past the worker's readiness deadline (counted from
   * {@code waitingSinceMillis}) it fails with a non-retryable PROVIDER_UNAVAILABLE.
   */
  Readiness postgresReadiness(Resource database, long waitingSinceMillis);

  /** Applies the migrations at {@code location} (a Flyway location) as the database's owner. Re-running applies nothing new. */
  MigrationReport migrateDatabase(Resource database, String location);

  /**
   * Runs the seed's PostgreSQL checks with the owner's credentials: {@code SELECT version()}, the tables the
   * migrations at {@code location} create are present, an INSERT inside a rolled-back transaction,
   * {@code SHOW max_connections}.
   */
  CheckReport validateDatabase(Resource database, String location);

  /** Drops the database (terminating its connections) and the role. Deleting what is already gone succeeds. */
  void deleteDatabase(Resource database);
}
