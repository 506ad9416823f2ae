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

  private static final ResourceKind KIND = ResourceKind.POSTGRES_DATABASE;

  private final NopCalls calls;
  private final NopLedger ledger;
  private final SecretStore secrets;

  NopPostgresProvider(NopCalls calls, NopLedger ledger, SecretStore secrets) {
    this.calls = calls;
    this.ledger = ledger;
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return NopSpec.PROVIDER;
  }

  @Override
  public Resource create(EnvironmentSpec spec) {
    NopSpec options = spec.nopOrDefault();
    String name = spec.name();
    return calls.call(options, "postgres.create", () -> {
      ledger.create(KIND, name);
      secrets.put(PostgresSecrets.ownerKey(name), "postgresql://" + name + "@nop.invalid:5432/" + name);
      return new Resource(KIND.name(), NopSpec.PROVIDER, name, name, NopLocation.of("postgres", name, options));
    });
  }

  @Override
  public Readiness readiness(Resource database, long waitingSinceMillis) {
    return calls.look(NopLocation.options(database), "postgres.ready", "nop database " + database.name(),
        waitingSinceMillis);
  }

  @Override
  public MigrationReport migrate(Resource database, String location, SecretStore store) {
    return calls.call(NopLocation.options(database), "postgres.migrate",
        () -> new MigrationReport(List.of(), "nop"));
  }

  @Override
  public CheckReport validate(Resource database, String location, SecretStore store) {
    return calls.call(NopLocation.options(database), "postgres.validate",
        () -> new CheckReport(database.name(), List.of("nop: nothing to check, nothing was created")));
  }

  @Override
  public void delete(Resource database) {
    calls.call(NopLocation.options(database), "postgres.delete", () -> {
      secrets.delete(PostgresSecrets.ownerKey(database.name()));
      return ledger.delete(KIND, database.name());
    });
  }
}
