package dev.envflow.activities.redis;

import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * What every cloud Redis provider does with a database's connection: keeps the application's URL in the
 * secret store under {@code SecretStore.key("REDIS_USER", name)} (never in Temporal), runs the seed's checks
 * with it (over TLS for {@code rediss://}), and forgets it when the database is deleted.
 */
public final class CloudRedisConnections {

  private static final String KIND = ResourceKind.REDIS_USER.name();

  private final String provider;
  private final SecretStore secrets;
  private final RedisTls tls;

  public CloudRedisConnections(String provider, SecretStore secrets, RedisTls tls) {
    this.provider = provider;
    this.secrets = secrets;
    this.tls = tls;
  }

  /** The id of the environment whose database is named {@code name} ({@code {app}-{environment}}). */
  public static String environmentId(String name) {
    return "env-" + name;
  }

  /** True for the reference a rollback holds when the create may have crashed before returning. */
  public static boolean isPlanned(Resource resource) {
    return resource.location() == null && resource.name().equals(resource.externalId());
  }

  /** Keeps the application's connection for the database named {@code name}. */
  public void store(String name, RedisCredentials credentials) {
    secrets.put(key(name), credentials.toUrl());
  }

  /** Keeps a connection URL exactly as the provider gave it (e.g. Fly's {@code publicUrl}). */
  public void storeUrl(String name, String url) {
    RedisCredentials.fromUrl(url);
    secrets.put(key(name), url);
  }

  public Optional<RedisCredentials> stored(String name) {
    return secrets.get(key(name)).map(RedisCredentials::fromUrl);
  }

  public void forget(String name) {
    secrets.delete(key(name));
  }

  /** The seed's checks (PING, SET/GET, SETEX + TTL, PUBLISH/SUBSCRIBE) with the stored connection. */
  public CheckReport validate(Resource database) {
    RedisCredentials credentials = stored(database.name()).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
        provider + ": no stored connection for Redis database " + database.name()
            + "; provision the environment again to store it", FailureType.BAD_CREDENTIALS.name()));
    return RedisUserChecks.ofDatabase(credentials, tls).run();
  }

  private static String key(String name) {
    return SecretStore.key(KIND, name);
  }
}
