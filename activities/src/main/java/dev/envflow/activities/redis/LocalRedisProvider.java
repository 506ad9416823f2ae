package dev.envflow.activities.redis;

import dev.envflow.activities.postgres.StrongPasswords;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.AccessControlUser;
import redis.clients.jedis.resps.ScanResult;

/**
 * The local Redis provider: one ACL user per environment on a Redis server this worker administers, named
 * {@code {app}-{environment}} and confined to keys and channels under {@code {app}-{environment}:}.
 */
public final class LocalRedisProvider implements RedisProvider {

  public static final String PROVIDER = "local";
  private static final String SECRET_KIND = ResourceKind.REDIS_USER.name();
  private static final int SCAN_BATCH = 500;
  private static final Logger log = LoggerFactory.getLogger(LocalRedisProvider.class);

  private final RedisAdminConfig admin;
  private final SecretStore secrets;

  public LocalRedisProvider(RedisAdminConfig admin, SecretStore secrets) {
    this.admin = admin;
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return PROVIDER;
  }

  @Override
  public Resource create(EnvironmentSpec spec) {
    String name = checkedName(spec.name());
    try (Jedis jedis = adminConnection()) {
      RedisOwnedUsers owned = new RedisOwnedUsers(jedis);
      AccessControlUser existing = jedis.aclGetUser(name);
      Optional<String> owner = owned.ownerOf(name);
      if (existing != null && owner.isEmpty()) {
        throw failure(FailureType.CONFLICT,
            "a Redis user named " + name + " already exists and was not created by envflow; envflow leaves it untouched");
      }
      String password = existing == null ? StrongPasswords.generate() : reusablePassword(name).orElseGet(StrongPasswords::generate);
      RedisCredentials credentials = new RedisCredentials(name, password, admin.host(), admin.port());
      owned.claim(name, spec.id());
      secrets.put(secretKey(name), credentials.toUrl());
      jedis.aclSetUser(name, RedisAclRules.forUser(name, password));
      persistAcl(jedis);
      log.info("Redis user {} ready ({})", name, existing == null ? "created" : "adopted");
      return new Resource(ResourceKind.REDIS_USER.name(), providerOf(spec), name, name, credentials.location());
    } catch (JedisDataException e) {
      throw adminFailure(e, "creating Redis user " + name);
    }
  }

  /** An ACL user is usable as soon as {@code ACL SETUSER} returns. */
  @Override
  public Readiness readiness(Resource user, long waitingSinceMillis) {
    return Readiness.immediately("ACL user set");
  }

  @Override
  public CheckReport validate(Resource user) {
    RedisCredentials credentials = secrets.get(secretKey(user.name()))
        .map(RedisCredentials::fromUrl)
        .orElseThrow(() -> failure(FailureType.BAD_CREDENTIALS,
            "no stored credentials for Redis user " + user.name() + "; provision the environment again to reset them"));
    return new RedisUserChecks(credentials, RedisAclRules.prefix(user.name())).run();
  }

  @Override
  public void delete(Resource user) {
    dropOwned(user.name());
    forgetSecrets(user.name());
  }

  /** Looks in envflow's registry of the ACL users it made; see {@link LocalRedisOrphans}. */
  @Override
  public OrphanFinder orphanFinder() {
    return new LocalRedisOrphans(this);
  }

  /**
   * Deletes the ACL user {@code name} with the keys under its prefix when envflow's registry says envflow made it; a
   * CONFLICT when a user of that name exists that envflow did not make. What is already gone is fine.
   */
  void dropOwned(String userName) {
    String name = checkedName(userName);
    try (Jedis jedis = adminConnection()) {
      RedisOwnedUsers owned = new RedisOwnedUsers(jedis);
      AccessControlUser existing = jedis.aclGetUser(name);
      boolean ours = owned.ownerOf(name).isPresent();
      if (existing != null && !ours) {
        throw failure(FailureType.CONFLICT,
            "the Redis user " + name + " was not created by envflow; envflow will not delete it");
      }
      if (existing != null) {
        jedis.aclDelUser(name);
        persistAcl(jedis);
      }
      if (ours) {
        long deleted = deleteKeysUnder(jedis, RedisAclRules.prefixPattern(name));
        owned.release(name);
        log.info("Redis user {} deleted with {} keys", name, deleted);
      }
    } catch (JedisDataException e) {
      throw adminFailure(e, "deleting Redis user " + name);
    }
  }

  /** Forgets the stored credentials of the user {@code name}. */
  void forgetSecrets(String name) {
    secrets.delete(secretKey(name));
  }

  private static long deleteKeysUnder(Jedis jedis, String pattern) {
    ScanParams params = new ScanParams().match(pattern).count(SCAN_BATCH);
    String cursor = ScanParams.SCAN_POINTER_START;
    long deleted = 0;
    do {
      ScanResult<String> page = jedis.scan(cursor, params);
      List<String> keys = page.getResult();
      if (!keys.isEmpty()) {
        deleted += jedis.unlink(keys.toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    return deleted;
  }

  /** Saves the ACL to the server's ACL file when it has one, so users survive a restart; otherwise does nothing. */
  private static void persistAcl(Jedis jedis) {
    try {
      jedis.aclSave();
    } catch (JedisDataException e) {
      log.debug("Redis ACL not saved (the server has no ACL file): {}", e.getMessage());
    }
  }

  private Optional<String> reusablePassword(String name) {
    return secrets.get(secretKey(name))
        .map(RedisCredentials::fromUrl)
        .filter(stored -> stored.user().equals(name))
        .map(RedisCredentials::password);
  }

  Jedis adminConnection() {
    return RedisConnections.asAdmin(admin);
  }

  RuntimeException adminFailure(JedisDataException e, String what) {
    if (RedisConnections.isRefusedLogin(e)) {
      return failure(FailureType.BAD_CREDENTIALS, "Redis refused the admin credentials of " + admin.adminUser()
          + " while " + what);
    }
    return new IllegalStateException(what + " failed: " + e.getMessage(), e);
  }

  private static String checkedName(String name) {
    if (!RedisAclRules.isSafeName(name)) {
      throw failure(FailureType.INVALID_SPEC, "not a usable Redis user name: " + name);
    }
    return name;
  }

  private static String providerOf(EnvironmentSpec spec) {
    return spec.redis() != null && spec.redis().provider() != null ? spec.redis().provider() : PROVIDER;
  }

  private static String secretKey(String name) {
    return SecretStore.key(SECRET_KIND, name);
  }

  private static ApplicationFailure failure(FailureType type, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, type.name());
  }
}
