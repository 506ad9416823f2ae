package dev.envflow.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked as far as a machine without a Docker engine allows: it parses, mounts only files that
 * are in the repository (or volumes filled at run time), pins every image, publishes ports on loopback only, starts
 * in order through health checks, and — where docker-compose is installed — passes {@code docker-compose config}.
 */
class ComposeFileTest {

  /** A pinned tag names a version with at least major and minor (postgres:16.4), never latest or a bare major. */
  static final Pattern PINNED_IMAGE = Pattern.compile("[a-z0-9./_-]+:[A-Za-z0-9_.-]*\\d+\\.\\d+[A-Za-z0-9_.-]*(@sha256:[a-f0-9]{64})?");

  /** What the compose file needs from .env: the passwords and the admin token, none with a default. */
  static final Map<String, String> REQUIRED_SETTINGS = Map.of(
      "TEMPORAL_DB_PASSWORD", "test-temporal-db", "POSTGRES_PASSWORD", "test-postgres", "REDIS_PASSWORD", "test-redis",
      "ENVFLOW_ADMIN_TOKEN", "test-admin-token", "GRAFANA_PASSWORD", "test-grafana");

  private final Compose compose = Compose.load();

  @Test
  void runsTheWholeStack() {
    assertThat(compose.services()).containsKeys("temporal-postgresql", "temporal-schema", "temporal", "temporal-namespace",
        "temporal-ui", "postgresql", "redis", "envflow", "prometheus", "grafana");
  }

  @Test
  void everyImageIsPinnedToAVersion() {
    List<String> unpinned = new ArrayList<>();
    compose.services().forEach((name, service) -> {
      String image = service.path("image").asText("");
      if (image.isEmpty() && !service.has("build")) {
        unpinned.add(name + ": no image");
      } else if (!image.isEmpty() && !PINNED_IMAGE.matcher(image).matches()) {
        unpinned.add(name + ": " + image);
      }
    });
    assertThat(unpinned).as("images without a pinned version tag").isEmpty();
  }

  @Test
  void thePinnedImageRuleRefusesFloatingTags() {
    assertThat(List.of("postgres", "postgres:latest", "postgres:16", "eclipse-temurin:17-jre", "redis:7"))
        .noneMatch(image -> PINNED_IMAGE.matcher(image).matches());
    assertThat(List.of("postgres:16.4", "temporalio/admin-tools:1.29.1-tctl-1.18.4-cli-1.5.0", "prom/prometheus:v2.54.1",
        "eclipse-temurin:17.0.13_11-jre-noble")).allMatch(image -> PINNED_IMAGE.matcher(image).matches());
  }

  @Test
  void everyBindMountIsAFileOfTheRepositoryAndEveryVolumeIsDeclared() {
    List<String> problems = new ArrayList<>();
    for (Compose.Mount mount : compose.mounts()) {
      if (mount.isBind()) {
        if (!mount.source().startsWith("./") || !Files.exists(Repo.file(mount.repoPath()))) {
          problems.add(mount.service() + ": " + mount.source() + " is not a path in the repository");
        }
        if (!mount.readOnly()) {
          problems.add(mount.service() + ": " + mount.source() + " is mounted writable");
        }
      } else if (!compose.declaredVolumes().contains(mount.source())) {
        problems.add(mount.service() + ": volume " + mount.source() + " is not declared under volumes:");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void publishesPortsOnTheHostsLoopbackOnly() {
    compose.services().forEach((name, service) -> service.path("ports").forEach(port ->
        assertThat(port.asText()).as(name + " port").startsWith("127.0.0.1:")));
  }

  @Test
  void comesUpInOrderThroughHealthChecks() {
    Map<String, JsonNode> services = compose.services();
    services.forEach((name, service) -> service.path("depends_on").fields().forEachRemaining(dependency -> {
      String condition = dependency.getValue().path("condition").asText("");
      assertThat(condition).as(name + " → " + dependency.getKey())
          .isIn("service_healthy", "service_completed_successfully", "service_started");
      if (condition.equals("service_healthy")) {
        assertThat(services.get(dependency.getKey()).has("healthcheck"))
            .as(dependency.getKey() + " has a health check for " + name).isTrue();
      }
    }));
    for (String service : List.of("temporal-postgresql", "temporal", "postgresql", "redis", "envflow", "prometheus", "grafana")) {
      assertThat(services.get(service).has("healthcheck")).as(service + " has a health check").isTrue();
    }
    assertThat(compose.service("envflow").path("depends_on").path("temporal-namespace").path("condition").asText())
        .isEqualTo("service_completed_successfully");
    assertThat(compose.service("temporal").path("depends_on").path("temporal-schema").path("condition").asText())
        .isEqualTo("service_completed_successfully");
  }

  @Test
  void temporalRunsOnPostgresqlWithItsSchemaSetUpByTheOfficialTools() {
    JsonNode temporal = compose.service("temporal");
    assertThat(temporal.path("image").asText()).startsWith("temporalio/server:");
    assertThat(temporal.path("environment").path("DB").asText()).isEqualTo("postgres12");
    assertThat(compose.service("temporal-schema").path("image").asText()).startsWith("temporalio/admin-tools:");
    assertThat(Repo.read("deploy/temporal/setup-schema.sh")).contains("temporal-sql-tool", "setup-schema", "update-schema",
        "temporal_visibility");
    assertThat(compose.service("temporal-ui").path("image").asText()).startsWith("temporalio/ui:");
  }

  @Test
  void envflowIsBuiltHereAndJoinsTheCluster() {
    JsonNode envflow = compose.service("envflow");
    assertThat(envflow.path("build").asText()).isEqualTo(".");
    assertThat(envflow.path("environment").path("TEMPORAL_ADDRESS").asText()).isEqualTo("temporal:7233");
    assertThat(envflow.path("environment").path("ENVFLOW_POSTGRES_ADMIN_URL").asText()).contains("@postgresql:5432/");
    assertThat(envflow.path("environment").path("ENVFLOW_REDIS_ADMIN_URL").asText()).contains("@redis:6379");
    assertThat(envflow.path("ports").get(0).asText()).isEqualTo("127.0.0.1:8080:8080");
  }

  @Test
  void theTemporalUiDecodesThroughEnvflowsCodecEndpoint() {
    String endpoint = compose.service("temporal-ui").path("environment").path("TEMPORAL_CODEC_ENDPOINT").asText();
    assertThat(endpoint).isEqualTo("http://localhost:8081/codec");
    assertThat(compose.service("codec-proxy").path("ports").get(0).asText()).isEqualTo("127.0.0.1:8081:8081");
    assertThat(Repo.read("deploy/codec-proxy/codec.conf.template"))
        .contains("proxy_pass http://envflow:8080/codec/;", "Bearer ${ENVFLOW_ADMIN_TOKEN}");
    assertThat(compose.service("envflow").path("environment").path("ENVFLOW_CODEC_CORS_ORIGINS").asText())
        .isEqualTo("http://localhost:8233");
  }

  @Test
  void prometheusAndGrafanaSeeTheMonitoringFilesButNotEnvflowsSecrets() {
    assertThat(compose.mounts("envflow")).extracting(Compose.Mount::source, Compose.Mount::target)
        .contains(org.assertj.core.groups.Tuple.tuple("envflow-state", "/var/lib/envflow"),
            org.assertj.core.groups.Tuple.tuple("envflow-monitoring", "/var/lib/envflow/monitoring"));
    for (String service : List.of("prometheus", "grafana")) {
      assertThat(compose.mounts(service)).as(service).extracting(Compose.Mount::source)
          .contains("envflow-monitoring").doesNotContain("envflow-state");
      assertThat(compose.mounts(service)).filteredOn(m -> m.source().equals("envflow-monitoring"))
          .allMatch(Compose.Mount::readOnly);
    }
  }

  @Test
  void passesDockerComposeConfigAndRefusesToStartWithoutItsPasswords() throws Exception {
    Tool dockerCompose = Tool.require("docker-compose", "apt-get install docker-compose");

    Tool.Result valid = dockerCompose.run(Repo.root(), REQUIRED_SETTINGS, "-f", Compose.FILE, "config", "-q");
    assertThat(valid.exitCode()).as(valid.output()).isZero();

    Map<String, String> withoutPasswords = new java.util.HashMap<>(REQUIRED_SETTINGS);
    withoutPasswords.put("POSTGRES_PASSWORD", "");
    Tool.Result refused = dockerCompose.run(Repo.root(), withoutPasswords, "-f", Compose.FILE, "config", "-q");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output()).contains("POSTGRES_PASSWORD");
  }
}
