package dev.envflow.activities.postgres;

import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import java.util.Optional;

/** Where an environment's PostgreSQL credentials live in the worker's secret store. */
public final class PostgresSecrets {

  private static final String KIND = ResourceKind.POSTGRES_DATABASE.name();

  private PostgresSecrets() {}

  /** The owner's (or direct) connection, used by migrations and checks: a {@link PostgresCredentials} URL. */
  public static String ownerKey(String name) {
    return SecretStore.key(KIND, name);
  }

  /** The application's {@code DATABASE_URL} when it differs from the owner's connection (e.g. a pooler). */
  public static String applicationKey(String name) {
    return SecretStore.applicationKey(KIND, name);
  }

  static PostgresCredentials owner(SecretStore secrets, Resource database) {
    return secrets.get(ownerKey(database.name()))
        .map(PostgresCredentials::fromUrl)
        .orElseThrow(() -> PostgresFailures.nonRetryable(FailureType.BAD_CREDENTIALS, "no stored credentials for the"
            + " database of " + database.name() + "; provision the environment again to reset them"));
  }

  static Optional<String> application(SecretStore secrets, String name) {
    return secrets.get(applicationKey(name));
  }
}
