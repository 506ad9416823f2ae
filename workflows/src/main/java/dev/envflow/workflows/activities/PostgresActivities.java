package dev.envflow.workflows.activities;

import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.MigrationReport;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.activity.ActivityInterface;

/** An environment's PostgreSQL: a login role and a database it owns. */
@ActivityInterface
public interface PostgresActivities {

  /**
   * Creates the environment's role and database, or adopts them when envflow created them before (the name
   * is the idempotency key). The credentials go to the worker's secret store, never into the result. A role
   * or database of that name that envflow does not own is a non-retryable CONFLICT.
   */
  Resource createDatabase(EnvironmentSpec spec);

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
