package dev.envflow.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.postgres.PostgresAdminConfig;
import dev.envflow.activities.redis.RedisAdminConfig;
import dev.envflow.worker.EnvflowSpringTest;
import dev.envflow.worker.embedded.LocalDataServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;

/**
 * The orphan sweep through the API and the CLI on a whole envflow: two environments provisioned for real, orphans
 * planted on its PostgreSQL and Redis (a role and database with envflow's comment, an ACL user in envflow's registry),
 * and one environment's database dropped by hand. Only an admin may sweep; the sweep finds exactly those;
 * {@code envflow sweep --delete} removes them and nothing else and marks the dropped database's record deleted.
 */
class SweepEndToEndTest extends EnvflowSpringTest {

  private static final String ORPHAN = "sweepe2e-orphan";
  private static final String ORPHAN_ID = "sweepe2e_orphan";
  private static final String REDIS_ORPHAN = "sweepe2e-cache";

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired LocalDataServices data;
  @TempDir Path files;

  record Run(int exit, String out, String err) {}

  @Test
  void onlyAnAdminMaySweep() {
    for (String role : List.of("viewer", "requester", "approver", "codec")) {
      String token = createToken(http, role + "-sweep@example.com", role);
      assertThat(call(HttpMethod.GET, "/api/orphans", token).getStatusCode().value()).as(role).isEqualTo(403);
      ResponseEntity<JsonNode> delete = call(HttpMethod.POST, "/api/orphans/delete", token);
      assertThat(delete.getStatusCode().value()).as(role).isEqualTo(403);
      assertThat(delete.getBody().path("error").asText()).contains("needs the role admin");
    }
    assertThat(call(HttpMethod.GET, "/api/orphans", null).getStatusCode().value()).isEqualTo(401);
    assertThat(call(HttpMethod.GET, "/api/orphans", ADMIN_TOKEN).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void findsExactlyWhatWasLeftBehindAndDeletesItLeavingTheLiveEnvironmentIntact() throws Exception {
    provision("kept");
    provision("dropped");
    admin("CREATE ROLE " + ORPHAN_ID + " LOGIN", "COMMENT ON ROLE " + ORPHAN_ID + " IS 'envflow:env-" + ORPHAN + "'",
        "CREATE DATABASE " + ORPHAN_ID + " OWNER " + ORPHAN_ID,
        "COMMENT ON DATABASE " + ORPHAN_ID + " IS 'envflow:env-" + ORPHAN + "'",
        "CREATE ROLE sweepe2e_stranger LOGIN", "CREATE DATABASE sweepe2e_stranger OWNER sweepe2e_stranger",
        "DROP DATABASE synckairos_dropped WITH (FORCE)");
    try (Jedis redis = redisAdmin()) {
      redis.aclSetUser(REDIS_ORPHAN, "on", "nopass", "~" + REDIS_ORPHAN + ":*", "+get");
      redis.hset("envflow:owned-acl-users", REDIS_ORPHAN, "env-" + REDIS_ORPHAN);
      redis.aclSetUser("sweepe2e-stranger", "on", "nopass", "~sweepe2e-stranger:*", "+get");
    }

    JsonNode report = call(HttpMethod.GET, "/api/orphans", ADMIN_TOKEN).getBody();

    assertThat(rows(report.path("orphans"), "kind", "provider", "name", "externalId")).containsExactly(
        List.of("REDIS_USER", "local", REDIS_ORPHAN, REDIS_ORPHAN),
        List.of("POSTGRES_DATABASE", "local", ORPHAN, ORPHAN_ID));
    assertThat(report.path("orphans").get(1).path("why").asText()).isEqualTo("role and database " + ORPHAN_ID
        + " carry envflow's comment envflow:env-" + ORPHAN + "; the inventory has no environment env-" + ORPHAN);
    assertThat(rows(report.path("staleRecords"), "environmentId", "kind", "provider", "name", "externalId"))
        .containsExactly(List.of("env-synckairos-dropped", "POSTGRES_DATABASE", "local", "synckairos-dropped",
            "synckairos_dropped"));
    assertThat(report.path("notChecked")).isEmpty();

    Run listing = envflow("sweep");

    assertThat(listing.exit()).as(listing.err()).isZero();
    assertThat(listing.out()).contains("ORPHANS: resources with envflow's mark and no live inventory record",
        "POSTGRES_DATABASE  local        " + ORPHAN, "REDIS_USER         local        " + REDIS_ORPHAN,
        "STALE RECORDS", "env-synckairos-dropped", "envflow sweep --delete would delete 2 orphan(s) and mark 1 stale"
            + " record(s) deleted");
    assertThat(exists(ORPHAN_ID)).isTrue();

    Run delete = envflow("sweep", "--delete");

    assertThat(delete.exit()).as(delete.out() + delete.err()).isZero();
    assertThat(delete.out()).contains("ORPHANS:", "deleted  POSTGRES_DATABASE local " + ORPHAN + " (" + ORPHAN_ID + ")",
        "deleted  REDIS_USER local " + REDIS_ORPHAN + " (" + REDIS_ORPHAN + ")",
        "marked deleted in the inventory (the resource was already gone): env-synckairos-dropped POSTGRES_DATABASE"
            + " local synckairos-dropped", "2 orphan(s) deleted, 1 stale record(s) marked deleted");
    assertThat(delete.out().indexOf("ORPHANS:")).isLessThan(delete.out().indexOf("deleted  POSTGRES_DATABASE"));
    assertThat(exists(ORPHAN_ID)).isFalse();
    assertThat(aclUser(REDIS_ORPHAN)).isFalse();
    assertThat(exists("sweepe2e_stranger")).isTrue();
    assertThat(aclUser("sweepe2e-stranger")).isTrue();
    assertThat(exists("synckairos_kept")).isTrue();
    assertThat(aclUser("synckairos-kept")).isTrue();
    assertThat(stateDir.resolve("environments/synckairos-kept/.env")).exists();
    assertThat(stateDir.resolve("monitoring/synckairos-kept/dashboards")).isDirectory();
    assertThat(call(HttpMethod.GET, "/api/environments/env-synckairos-kept", ADMIN_TOKEN).getBody().path("resources"))
        .hasSize(6);
    assertThat(audit("env-" + ORPHAN)).containsExactly(List.of("orphan_deleted", "admin"));
    assertThat(audit("env-synckairos-dropped")).contains(List.of("stale_record_marked_deleted", "admin"));

    JsonNode after = call(HttpMethod.GET, "/api/orphans", ADMIN_TOKEN).getBody();

    assertThat(rows(after.path("orphans"), "name", "externalId"))
        .containsExactly(List.of("synckairos-dropped", "synckairos_dropped"));
    assertThat(after.path("orphans").get(0).path("why").asText()).startsWith("role synckairos_dropped carries envflow's"
        + " comment");
    assertThat(after.path("staleRecords")).isEmpty();

    assertThat(envflow("sweep", "--delete").exit()).isZero();
    assertThat(exists("synckairos_dropped")).isFalse();
    assertThat(envflow("teardown", "env-synckairos-kept").exit()).isZero();
    Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> call(HttpMethod.GET,
        "/api/environments/env-synckairos-kept", ADMIN_TOKEN).getBody().path("phase").asText().equals("TORN_DOWN"));
    assertThat(envflow("sweep").out()).contains("no orphans", "no stale records");
    admin("DROP DATABASE sweepe2e_stranger", "DROP ROLE sweepe2e_stranger");
    try (Jedis redis = redisAdmin()) {
      redis.aclDelUser("sweepe2e-stranger");
    }
  }

  private void provision(String environment) throws Exception {
    Path spec = files.resolve(environment + ".json");
    Files.writeString(spec, Files.readString(Path.of("../examples/synckairos-local.json"))
        .replace("\"staging\"", "\"" + environment + "\"").replace("synckairos-staging", "synckairos-" + environment));
    Run provision = envflow("provision", spec.toString(), "--follow");
    assertThat(provision.exit()).as(provision.out() + provision.err()).isZero();
  }

  private Run envflow(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EnvflowMain());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> withServer = new ArrayList<>(List.of(args));
    withServer.addAll(List.of("--server", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN));
    return new Run(cli.execute(withServer.toArray(String[]::new)), out.toString(), err.toString());
  }

  private ResponseEntity<JsonNode> call(HttpMethod method, String path, String token) {
    HttpHeaders headers = new HttpHeaders();
    if (token != null) {
      headers.setBearerAuth(token);
    }
    return http.exchange(path, method, new HttpEntity<>(null, headers), JsonNode.class);
  }

  private List<List<String>> audit(String environmentId) {
    List<List<String>> rows = new ArrayList<>();
    call(HttpMethod.GET, "/api/environments/" + environmentId + "/audit", ADMIN_TOKEN).getBody()
        .forEach(entry -> rows.add(List.of(entry.path("action").asText(), entry.path("actor").asText())));
    return rows;
  }

  private static List<List<String>> rows(JsonNode array, String... fields) {
    List<List<String>> rows = new ArrayList<>();
    array.forEach(node -> {
      List<String> row = new ArrayList<>();
      for (String field : fields) {
        row.add(node.path(field).asText());
      }
      rows.add(row);
    });
    return rows;
  }

  private boolean exists(String identifier) throws SQLException {
    PostgresAdminConfig pg = data.postgres();
    try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(pg.adminDatabase()), pg.adminUser(),
        pg.adminPassword()); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + identifier
            + "' UNION ALL SELECT 1 FROM pg_database WHERE datname = '" + identifier + "'")) {
      return rows.next();
    }
  }

  private boolean aclUser(String user) {
    try (Jedis redis = redisAdmin()) {
      return redis.aclGetUser(user) != null;
    }
  }

  private Jedis redisAdmin() {
    RedisAdminConfig config = data.redis();
    Jedis jedis = new Jedis(config.host(), config.port());
    jedis.auth(config.adminUser(), config.adminPassword());
    return jedis;
  }

  private void admin(String... statements) throws SQLException {
    PostgresAdminConfig pg = data.postgres();
    try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(pg.adminDatabase()), pg.adminUser(),
        pg.adminPassword()); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
