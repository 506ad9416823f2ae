package dev.envflow.activities.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.activities.inventory.Inventory;
import dev.envflow.activities.monitoring.LocalMonitoringProvider;
import dev.envflow.activities.paas.LocalPaasProvider;
import dev.envflow.activities.postgres.LocalPostgresProvider;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.redis.LocalRedisProvider;
import dev.envflow.activities.redis.RedisAdminConfig;
import dev.envflow.activities.secrets.FileSecretStore;
import dev.envflow.activities.secrets.SecretStore;
import dev.envflow.activities.testing.LocalServices;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The sweep over the real local providers: orphans planted on the test PostgreSQL and Redis and in the state
 * directory, look-alikes without envflow's mark, a live environment, and a record whose database was dropped by hand.
 * The servers are shared with other tests, so only this run's names (a random {@code sweep-...} prefix) are looked at
 * and deleted.
 */
class SweepLocalProvidersTest {

  private static final String ADMIN = "root@example.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String run = "sweep-" + UUID.randomUUID().toString().substring(0, 6);
  private SweepInventory store;
  private Inventory inventory;
  private Path stateDirectory;
  private Path secretsDirectory;
  private SecretStore secrets;
  private LocalPostgresProvider postgres;
  private LocalRedisProvider redis;
  private LocalMonitoringProvider monitoring;
  private LocalPaasProvider paas;
  private Sweeper sweeper;
  private final List<Resource> live = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    store = new SweepInventory();
    inventory = store.inventory;
    stateDirectory = Files.createTempDirectory("envflow-sweep-state");
    secretsDirectory = Files.createTempDirectory("envflow-sweep-secrets");
    secrets = new FileSecretStore(secretsDirectory);
    postgres = new LocalPostgresProvider(LocalServices.postgres(), secrets);
    redis = new LocalRedisProvider(LocalServices.redis(), secrets);
    monitoring = new LocalMonitoringProvider(stateDirectory);
    paas = new LocalPaasProvider(stateDirectory, secrets);
    sweeper = new Sweeper(inventory, List.of(postgres.orphanFinder(), redis.orphanFinder(), monitoring.orphanFinder(),
        paas.orphanFinder()));
  }

  @AfterEach
  void tearDown() {
    live.forEach(resource -> {
      switch (resource.resourceKind()) {
        case POSTGRES_DATABASE -> postgres.delete(resource);
        case REDIS_USER -> redis.delete(resource);
        case SECRETS -> paas.deleteSecrets(resource);
        default -> monitoring.delete(resource);
      }
    });
    admin("DROP DATABASE IF EXISTS " + identifier("stranger") + " WITH (FORCE)", "DROP ROLE IF EXISTS "
        + identifier("stranger"), "DROP DATABASE IF EXISTS " + identifier("orphan") + " WITH (FORCE)",
        "DROP ROLE IF EXISTS " + identifier("orphan"), "DROP ROLE IF EXISTS " + identifier("stale"));
    try (Jedis jedis = redisAdmin()) {
      jedis.aclDelUser(name("stranger"), name("orphan"));
      jedis.hdel("envflow:owned-acl-users", name("orphan"));
    }
    store.close();
    LocalServices.deleteRecursively(stateDirectory);
    LocalServices.deleteRecursively(secretsDirectory);
  }

  @Test
  void findsExactlyThePlantedOrphansAndStaleRecordThenDeletesThemAndNothingElse() throws Exception {
    EnvironmentSpec liveSpec = spec("live");
    Resource liveDatabase = postgres.create(liveSpec);
    Resource liveUser = redis.create(liveSpec);
    live.addAll(List.of(liveDatabase, liveUser, monitoring.createContactPoints(liveSpec),
        monitoring.createDashboards(liveSpec), monitoring.createAlertRules(liveSpec),
        paas.setSecrets(liveSpec, List.of(liveUser, liveDatabase))));
    live.forEach(resource -> store.live(liveSpec, Phase.ACTIVE, resource));

    EnvironmentSpec orphan = spec("orphan");
    String role = identifier("orphan");
    admin("CREATE ROLE " + role + " LOGIN", "COMMENT ON ROLE " + role + " IS 'envflow:env-" + orphan.name() + "'",
        "CREATE DATABASE " + role + " OWNER " + role, "COMMENT ON DATABASE " + role + " IS 'envflow:env-"
            + orphan.name() + "'");
    redis.create(orphan);
    monitoring.createDashboards(orphan);
    paas.setSecrets(orphan, List.of());

    String stranger = identifier("stranger");
    admin("CREATE ROLE " + stranger + " LOGIN", "CREATE DATABASE " + stranger + " OWNER " + stranger);
    try (Jedis jedis = redisAdmin()) {
      jedis.aclSetUser(name("stranger"), "on", "nopass", "~" + name("stranger") + ":*", "+get");
    }
    Path strangerDotenv = stateDirectory.resolve("environments").resolve(name("stranger")).resolve(".env");
    Files.createDirectories(strangerDotenv.getParent());
    Files.writeString(strangerDotenv, "KEY='someone else wrote this'\n");

    EnvironmentSpec staleSpec = spec("stale");
    store.live(staleSpec, Phase.ACTIVE, postgres.create(staleSpec));
    admin("DROP DATABASE " + identifier("stale") + " WITH (FORCE)");

    SweepReport report = sweeper.sweep();

    assertThat(mine(report.orphans())).extracting(Orphan::kind, Orphan::provider, Orphan::name, Orphan::deletable)
        .containsExactly(
            tuple("DASHBOARDS", "local", orphan.name(), true),
            tuple("POSTGRES_DATABASE", "local", orphan.name(), true),
            tuple("REDIS_USER", "local", orphan.name(), true),
            tuple("SECRETS", "local", orphan.name(), true));
    assertThat(mine(report.orphans()).get(1).why()).isEqualTo("role and database " + role + " carry envflow's comment"
        + " envflow:env-" + orphan.name() + "; the inventory has no environment " + orphan.id());
    assertThat(mine(report.orphans()).get(2).why()).contains("is in envflow's registry envflow:owned-acl-users");
    assertThat(report.staleRecords()).extracting(StaleRecord::environmentId, StaleRecord::kind, StaleRecord::name)
        .containsExactly(tuple(staleSpec.id(), "POSTGRES_DATABASE", staleSpec.name()));

    SweepDeletion deletion = sweeper.delete(ADMIN, id -> false, o -> o.name().startsWith(run),
        r -> r.name().startsWith(run));

    assertThat(deletion.deleted()).extracting(Orphan::kind)
        .containsExactly("DASHBOARDS", "POSTGRES_DATABASE", "REDIS_USER", "SECRETS");
    assertThat(deletion.failed()).isEmpty();
    assertThat(deletion.recordsMarkedDeleted()).extracting(StaleRecord::name).containsExactly(staleSpec.name());
    assertThat(roles(orphan.name())).isEmpty();
    assertThat(aclUser(orphan.name())).isFalse();
    assertThat(Files.exists(stateDirectory.resolve("monitoring").resolve(orphan.name()))).isFalse();
    assertThat(Files.exists(stateDirectory.resolve("environments").resolve(orphan.name()))).isFalse();

    assertThat(roles("stranger")).containsExactlyInAnyOrder("role " + stranger, "database " + stranger);
    assertThat(aclUser(name("stranger"))).isTrue();
    assertThat(strangerDotenv).exists();
    assertThat(roles(liveSpec.name())).hasSize(2);
    assertThat(aclUser(liveSpec.name())).isTrue();
    assertThat(stateDirectory.resolve("monitoring").resolve(liveSpec.name()).resolve("dashboards")).isDirectory();
    assertThat(stateDirectory.resolve("environments").resolve(liveSpec.name()).resolve(".env")).exists();
    assertThat(inventory.liveResources(liveSpec.id())).hasSize(6);
    assertThat(inventory.liveResources(staleSpec.id())).isEmpty();

    SweepReport after = sweeper.sweep();

    assertThat(mine(after.orphans())).singleElement().satisfies(leftover -> {
      assertThat(leftover.name()).isEqualTo(staleSpec.name());
      assertThat(leftover.why()).startsWith("role " + identifier("stale") + " carries envflow's comment")
          .contains("the inventory records it deleted at");
    });
    assertThat(after.staleRecords()).isEmpty();
    sweeper.delete(ADMIN, id -> false, o -> o.name().startsWith(run), r -> false);
    assertThat(roles(staleSpec.name())).isEmpty();
    assertThat(mine(sweeper.sweep().orphans())).isEmpty();
  }

  @Test
  void presenceFollowsTheResourceAndALocalOrphanWhoseMarkIsGoneIsLeftAlone() throws Exception {
    EnvironmentSpec spec = spec("marks");
    Resource user = redis.create(spec);
    live.add(user);
    OrphanFinder finder = redis.orphanFinder();
    FoundResource found = finder.owned(java.util.Set.of()).stream().filter(f -> f.name().equals(spec.name()))
        .findFirst().orElseThrow();
    assertThat(finder.presence(user)).isEqualTo(Presence.PRESENT);

    try (Jedis jedis = redisAdmin()) {
      jedis.hdel("envflow:owned-acl-users", spec.name());
    }

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> finder.delete(found))
        .hasMessageContaining("was not created by envflow");
    assertThat(aclUser(spec.name())).isTrue();
    try (Jedis jedis = redisAdmin()) {
      jedis.hset("envflow:owned-acl-users", spec.name(), spec.id());
    }
  }

  private List<Orphan> mine(List<Orphan> orphans) {
    return orphans.stream().filter(orphan -> orphan.name().startsWith(run)).toList();
  }

  private EnvironmentSpec spec(String suffix) throws Exception {
    return SpecParser.parse(JSON.readTree("{\"app\": \"sweep\", \"environment\": \"" + run.substring("sweep-".length())
        + "-" + suffix + "\"}")).spec();
  }

  private String name(String suffix) {
    return run + "-" + suffix;
  }

  private String identifier(String suffix) {
    return name(suffix).replace('-', '_');
  }

  /** {@code role x} and {@code database x} for what exists under the identifier of {@code name}. */
  private List<String> roles(String nameOrSuffix) throws SQLException {
    String identifier = (nameOrSuffix.startsWith(run) ? nameOrSuffix : name(nameOrSuffix)).replace('-', '_');
    List<String> found = new ArrayList<>();
    PostgresAdminConfig pg = LocalServices.postgres();
    try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(pg.adminDatabase()), pg.adminUser(),
        pg.adminPassword()); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 'role ' || rolname FROM pg_roles WHERE rolname = '" + identifier
            + "' UNION ALL SELECT 'database ' || datname FROM pg_database WHERE datname = '" + identifier + "'")) {
      while (rows.next()) {
        found.add(rows.getString(1));
      }
    }
    return found;
  }

  private boolean aclUser(String user) {
    try (Jedis jedis = redisAdmin()) {
      return jedis.aclGetUser(user) != null;
    }
  }

  private static Jedis redisAdmin() {
    RedisAdminConfig config = LocalServices.redis();
    Jedis jedis = new Jedis(config.host(), config.port());
    jedis.auth(config.adminUser(), config.adminPassword());
    return jedis;
  }

  private static void admin(String... statements) {
    PostgresAdminConfig pg = LocalServices.postgres();
    try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(pg.adminDatabase()), pg.adminUser(),
        pg.adminPassword()); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
