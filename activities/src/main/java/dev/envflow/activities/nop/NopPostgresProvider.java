package dev.envflow.activities.nop;

import dev.envflow.activities.postgres.PostgresProvider;
import dev.envflow.activities.postgres.PostgresSecrets;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.MigrationReport;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.NopSpec;
import java.util.List;

/**
 * The nop PostgreSQL: records a database in the {@link NopLedger} and a placeholder {@code DATABASE_URL} (on the
 * unresolvable {@code nop.invalid}, no password) in the secret store; its migrations apply nothing and its checks
 * check nothing, each taking {@code nop.latency} like any nop step.
 */
final class NopPostgresProvider implements PostgresProvider {

  private final NopCalls calls;
  private final NopDataResources databases;

  NopPostgresProvider(NopCalls calls, NopLedger ledger, SecretStore secrets) {
    this.calls = calls;
    this.databases = new NopDataResources(calls, ledger, secrets, ResourceKind.POSTGRES_DATABASE, "postgres",
        PostgresSecrets::ownerKey);
  }

  @Override
  public String name() {
    return NopSpec.PROVIDER;
  }

  @Override
  public Resource create(EnvironmentSpec spec) {
    String name = spec.name();
    return databases.create(spec, "postgresql://" + name + "@nop.invalid:5432/" + name);
  }

  @Override
  public Readiness readiness(Resource database, long waitingSinceMillis) {
    return databases.readiness(database, "nop database " + database.name(), waitingSinceMillis);
  }

  @Override
  public MigrationReport migrate(Resource database, String location, SecretStore store) {
    return calls.call(NopLocation.options(database), "postgres.migrate",
        () -> new MigrationReport(List.of(), "nop"));
  }

  @Override
  public CheckReport validate(Resource database, String location, SecretStore store) {
    return databases.validate(database);
  }

  @Override
  public void delete(Resource database) {
    databases.delete(database);
  }
}
