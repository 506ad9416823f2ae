package dev.envflow.activities.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envflow.activities.postgres.StrongPasswords;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.activities.testing.TestSpecs;
import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.params.ScanParams;

class LocalRedisProviderTest {

  private final RedisAdminConfig admin = LocalServices.redis();
  private final List<String> foreignUsersToDelete = new ArrayList<>();
  private final List<String> foreignKeysToDelete = new ArrayList<>();
  private Path secretsDirectory;
  private SecretStore secrets;
  private RedisActivitiesImpl activities;
  private EnvironmentSpec spec;

  @BeforeEach
  void setUp() throws Exception {
    secretsDirectory = Files.createTempDirectory("envflow-test-secrets");
    secrets = new FileSecretStore(secretsDirectory);
    activities = new RedisActivitiesImpl(List.of(new LocalRedisProvider(admin, secrets)));
    spec = TestSpecs.uniqueLocalSpec("redis-");
  }

  @AfterEach
  void tearDown() {
    try (Jedis jedis = adminConnection()) {
      for (String user : foreignUsersToDelete) {
        jedis.aclDelUser(user);
      }
      for (String key : foreignKeysToDelete) {
        jedis.del(key);
      }
    }
    activities.deleteRedisUser(Resource.planned(ResourceKind.REDIS_USER, "local", spec.name()));
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void createsValidatesAndDeletesLeavingNoUserKeyOrSecret() {
    Resource user = activities.createRedisUser(spec);

    assertThat(user.kind()).isEqualTo("REDIS_USER");
    assertThat(user.name()).isEqualTo(spec.name());
    assertThat(user.location()).isEqualTo("redis://" + admin.host() + ":" + admin.port());
    RedisCredentials credentials = storedCredentials();
    assertThat(user.toString()).doesNotContain(credentials.password());

    CheckReport report = activities.validateRedis(user);

    assertThat(report.checks()).containsSequence("PING: PONG", "SET/GET: hello");
    assertThat(report.checks()).anySatisfy(check -> assertThat(check).matches("SETEX/TTL: ([1-9]|10)"));
    assertThat(report.checks()).anySatisfy(check -> assertThat(check).startsWith("PUBLISH/SUBSCRIBE: received on " + spec.name() + ":"));
    assertThat(report.checks()).anySatisfy(check -> assertThat(check).contains("refused (NOPERM)"));
    assertThat(report.toString()).doesNotContain(credentials.password());
    assertThat(keysUnder(spec.name() + ":*")).as("the checks clean up their keys").isEmpty();

    try (Jedis own = RedisConnections.as(credentials)) {
      own.set(spec.name() + ":session:1", "state");
    }
    activities.deleteRedisUser(user);

    try (Jedis jedis = adminConnection()) {
      assertThat(jedis.aclGetUser(spec.name())).isNull();
      assertThat(jedis.hexists(RedisOwnedUsers.HASH, spec.name())).isFalse();
    }
    assertThat(keysUnder(spec.name() + ":*")).isEmpty();
    assertThat(secrets.get(secretKey())).isEmpty();
  }

  @Test
  void rerunOfCreateAdoptsTheSameUserWithTheStoredPassword() {
    Resource first = activities.createRedisUser(spec);
    String firstUrl = secrets.get(secretKey()).orElseThrow();

    Resource second = activities.createRedisUser(spec);

    assertThat(second).isEqualTo(first);
    assertThat(secrets.get(secretKey())).contains(firstUrl);
    try (Jedis own = RedisConnections.as(storedCredentials())) {
      assertThat(own.ping()).isEqualTo("PONG");
    }
  }

  @Test
  void rerunOfCreateResetsThePasswordWhenTheSecretStoreLostIt() {
    Resource user = activities.createRedisUser(spec);
    RedisCredentials lost = storedCredentials();
    secrets.delete(secretKey());

    activities.createRedisUser(spec);

    assertThat(storedCredentials().password()).isNotEqualTo(lost.password());
    assertThat(activities.validateRedis(user).checks()).contains("PING: PONG");
    assertThatThrownBy(() -> RedisConnections.as(lost).ping()).isInstanceOf(JedisAccessControlException.class);
  }

  @Test
  void refusesAUserOfTheSameNameThatEnvflowDidNotCreateAndLeavesItUntouched() {
    String foreignPassword = StrongPasswords.generate();
    try (Jedis jedis = adminConnection()) {
      jedis.aclSetUser(spec.name(), "on", ">" + foreignPassword, "~*", "+get");
    }
    foreignUsersToDelete.add(spec.name());

    assertFailure(() -> activities.createRedisUser(spec), "CONFLICT");
    assertFailure(() -> activities.deleteRedisUser(Resource.planned(ResourceKind.REDIS_USER, "local", spec.name())), "CONFLICT");

    try (Jedis jedis = adminConnection()) {
      assertThat(jedis.aclList()).anySatisfy(rule -> assertThat(rule)
          .startsWith("user " + spec.name() + " on").contains(" ~* ").endsWith("+get"));
    }
    try (Jedis foreign = RedisConnections.open(admin.host(), admin.port(), spec.name(), foreignPassword)) {
      assertThat(foreign.get(spec.name() + ":anything")).isNull();
    }
    assertThat(secrets.get(secretKey())).isEmpty();
  }

  @Test
  void deletingWhatIsAlreadyGoneSucceeds() {
    Resource user = activities.createRedisUser(spec);
    activities.deleteRedisUser(user);

    activities.deleteRedisUser(user);
    activities.deleteRedisUser(Resource.planned(ResourceKind.REDIS_USER, "local", "never-created-" + spec.name()));

    try (Jedis jedis = adminConnection()) {
      assertThat(jedis.aclGetUser(spec.name())).isNull();
    }
  }

  @Test
  void deleteLeavesKeysOfOtherPrefixesAlone() {
    Resource user = activities.createRedisUser(spec);
    String neighbour = spec.name() + "x:kept";
    try (Jedis jedis = adminConnection()) {
      jedis.set(neighbour, "not yours");
    }
    foreignKeysToDelete.add(neighbour);

    activities.deleteRedisUser(user);

    try (Jedis jedis = adminConnection()) {
      assertThat(jedis.get(neighbour)).isEqualTo("not yours");
    }
  }

  @Test
  void validationWithWrongCredentialsFailsWithBadCredentialsAndNoPassword() {
    Resource user = activities.createRedisUser(spec);
    RedisCredentials right = storedCredentials();
    String wrongPassword = StrongPasswords.generate();
    secrets.put(secretKey(), new RedisCredentials(right.user(), wrongPassword, right.host(), right.port()).toUrl());

    ApplicationFailure failure = assertFailure(() -> activities.validateRedis(user), "BAD_CREDENTIALS");

    assertThat(failure.getOriginalMessage()).contains("refused the stored credentials").contains(spec.name())
        .doesNotContain(wrongPassword).doesNotContain(right.password());
  }

  @Test
  void userCannotTouchKeysOrChannelsOutsideItsPrefix() {
    activities.createRedisUser(spec);
    String outside = "other-app-staging:secret";
    try (Jedis jedis = adminConnection()) {
      jedis.set(outside, "theirs");
    }
    foreignKeysToDelete.add(outside);

    try (Jedis own = RedisConnections.as(storedCredentials())) {
      assertThatThrownBy(() -> own.get(outside)).isInstanceOf(JedisAccessControlException.class).hasMessageStartingWith("NOPERM");
      assertThatThrownBy(() -> own.del(outside)).isInstanceOf(JedisAccessControlException.class);
      assertThatThrownBy(() -> own.publish("other-app-staging:events", "x")).isInstanceOf(JedisAccessControlException.class);
      assertThatThrownBy(() -> own.keys("*")).isInstanceOf(JedisAccessControlException.class);
      assertThatThrownBy(() -> own.flushAll()).isInstanceOf(JedisAccessControlException.class);
      assertThat(own.set(spec.name() + ":own", "mine")).isEqualTo("OK");
    }
    try (Jedis jedis = adminConnection()) {
      assertThat(jedis.get(outside)).isEqualTo("theirs");
    }
  }

  @Test
  void refusesNamesThatCannotBeARedisUser() {
    EnvironmentSpec unsafe = new EnvironmentSpec("bad app", "x*", spec.tier(), spec.region(), spec.requestedBy(),
        spec.redis(), spec.postgres(), null, null, null, spec.approval());

    assertFailure(() -> activities.createRedisUser(unsafe), "INVALID_SPEC");
  }

  private ApplicationFailure assertFailure(Runnable action, String type) {
    ApplicationFailure[] caught = new ApplicationFailure[1];
    assertThatThrownBy(action::run).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.getType()).isEqualTo(type);
      assertThat(failure.isNonRetryable()).isTrue();
      caught[0] = failure;
    });
    return caught[0];
  }

  private Set<String> keysUnder(String pattern) {
    try (Jedis jedis = adminConnection()) {
      return Set.copyOf(jedis.scan(ScanParams.SCAN_POINTER_START, new ScanParams().match(pattern).count(10_000)).getResult());
    }
  }

  private RedisCredentials storedCredentials() {
    return RedisCredentials.fromUrl(secrets.get(secretKey()).orElseThrow());
  }

  private String secretKey() {
    return SecretStore.key("REDIS_USER", spec.name());
  }

  private Jedis adminConnection() {
    return RedisConnections.asAdmin(admin);
  }
}
