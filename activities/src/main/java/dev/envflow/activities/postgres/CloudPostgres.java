package dev.envflow.activities.postgres;

import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What the cloud PostgreSQL providers share: the sslmode envflow's own connections use, where the credentials go
 * in the secret store, and how a resource's environment and a planned resource are recognised.
 */
public final class CloudPostgres {

  /** The sslmode of envflow's own JDBC connections (migrations, checks) to cloud databases. */
  public static final String SSLMODE_VARIABLE = "ENVFLOW_POSTGRES_SSLMODE";
  public static final String DEFAULT_SSLMODE = "require";
  public static final ResourceKind KIND = ResourceKind.POSTGRES_DATABASE;
  private static final String PASSWORD_KIND = "POSTGRES_DATABASE_PASSWORD";

  private CloudPostgres() {}

  public static String sslMode(ProviderVariables variables) {
    return variables.getOrDefault(SSLMODE_VARIABLE, DEFAULT_SSLMODE);
  }

  /** The environment a resource belongs to: {@code env-{name}}, as {@link EnvironmentSpec#id()} derives it. */
  public static String environmentId(String name) {
    return "env-" + name;
  }

  /**
   * True for a reference written before the provider's create answered (its id is still the name): the
   * provider's resource, if any, must be found by name and deleted only when envflow owns it.
   */
  public static boolean isPlanned(Resource resource) {
    return resource.externalId() == null || resource.externalId().equals(resource.name());
  }

  /**
   * Where a provider keeps a password it chose itself before asking the provider to create the database, so a
   * worker that dies during the create can still connect to what it adopts afterwards.
   */
  public static String passwordKey(String name) {
    return SecretStore.key(PASSWORD_KIND, name);
  }

  /** Stores the owner's connection (for migrations and checks) and, when it differs, the application's URL. */
  public static void storeConnections(SecretStore secrets, String name, PostgresCredentials owner,
      Optional<String> applicationUrl) {
    secrets.put(PostgresSecrets.ownerKey(name), owner.toUrl());
    applicationUrl.ifPresentOrElse(url -> secrets.put(PostgresSecrets.applicationKey(name), url),
        () -> secrets.delete(PostgresSecrets.applicationKey(name)));
  }

  /** Removes every secret a cloud provider kept for the database; removing what is not there succeeds. */
  public static void forgetConnections(SecretStore secrets, String name) {
    secrets.delete(PostgresSecrets.ownerKey(name));
    secrets.delete(PostgresSecrets.applicationKey(name));
    secrets.delete(passwordKey(name));
  }

  /**
   * The spec's region; {@code local}, the spec's default, means "no preference" and becomes the provider's
   * {@code preferred} region (the same choice the cloud Redis providers make).
   */
  public static String cloudRegion(EnvironmentSpec spec, String preferred) {
    String region = spec.region();
    return region == null || region.isBlank() || "local".equals(region) ? preferred : region;
  }

  /**
   * A provider's ISO-8601 timestamp (one without an offset is UTC); empty when absent or unreadable (ownership
   * then ignores it).
   */
  public static Optional<Instant> instant(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notOffset) {
      try {
        return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException notLocal) {
        return Optional.empty();
      }
    }
  }

  /**
   * The same failure with {@code secret} masked in its message: a provider's error text may quote the request
   * that carried it.
   */
  public static ApplicationFailure withoutSecret(ApplicationFailure failure, String secret) {
    if (secret == null || secret.isEmpty() || failure.getOriginalMessage() == null
        || !failure.getOriginalMessage().contains(secret)) {
      return failure;
    }
    ApplicationFailure.Builder masked = ApplicationFailure.newBuilder()
        .setMessage(failure.getOriginalMessage().replace(secret, "***"))
        .setType(failure.getType())
        .setNonRetryable(failure.isNonRetryable());
    if (failure.getNextRetryDelay() != null) {
      masked.setNextRetryDelay(failure.getNextRetryDelay());
    }
    return masked.build();
  }

  /**
   * The environment's name as a PostgreSQL identifier ({@code synckairos-staging} becomes
   * {@code synckairos_staging}), for providers that let envflow name the database and its role.
   */
  public static String identifier(String name) {
    return PostgresNames.identifier(name);
  }

  /** A password as it goes into the user part of a URL: percent-encoded, a space as {@code %20}. */
  public static String urlEncoded(String password) {
    return ProviderHttpClient.encode(password);
  }
}
