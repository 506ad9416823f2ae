package dev.envflow.activities.postgres;

import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.MigrationReport;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.Set;

/**
 * One way of giving an environment its PostgreSQL ({@code local}, {@code supabase}, {@code neon}, ...).
 * Whatever it creates, it stores in the secret store the credentials migrations and checks use under
 * {@link PostgresSecrets#ownerKey} and, when the application connects differently (a pooler), the
 * application's {@code DATABASE_URL} under {@link PostgresSecrets#applicationKey}.
 */
public interface PostgresProvider {

  /** The spec's provider name, e.g. {@code supabase}. */
  String name();

  /**
   * Creates the environment's database, or adopts the one envflow made before under the same deterministic
   * name. A same-named one that is not this environment's is a non-retryable CONFLICT, left untouched.
   */
  Resource create(EnvironmentSpec spec);

  /** One look at whether it accepts connections; see {@code PostgresActivities.postgresReadiness}. */
  Readiness readiness(Resource database, long waitingSinceMillis);

  /**
   * Applies the migrations at {@code location} (a Flyway location) as the database's owner: for every real
   * database, Flyway over the owner credentials the provider stored. Re-running applies nothing new.
   */
  default MigrationReport migrate(Resource database, String location, SecretStore secrets) {
    return FlywayMigrations.migrate(PostgresSecrets.owner(secrets, database), location);
  }

  /** The seed's PostgreSQL checks with the owner's credentials; see {@code PostgresActivities.validateDatabase}. */
  default CheckReport validate(Resource database, String location, SecretStore secrets) {
    return PostgresSchemaValidator.validate(PostgresSecrets.owner(secrets, database), location);
  }

  /** Deletes it, waiting until it is gone where the provider deletes asynchronously; already gone succeeds. */
  void delete(Resource database);

  /** What the orphan sweep may ask this provider; by default it cannot list what it holds, and the sweep says so. */
  default OrphanFinder orphanFinder() {
    return OrphanFinder.unsupported(name(), Set.of(ResourceKind.POSTGRES_DATABASE),
        "the " + name() + " PostgreSQL provider cannot list what it holds");
  }
}
