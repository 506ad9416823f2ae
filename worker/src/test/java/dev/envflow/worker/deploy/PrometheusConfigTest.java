package dev.envflow.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus: the configuration scrapes envflow where the compose stack runs it and loads only rule files the
 * compose file puts into the Prometheus container; envflow's alerts read only metrics envflow serves and fire as
 * their unit tests say ({@code promtool check config}, {@code check rules}, {@code test rules} when promtool is
 * installed); environment-rules.sh hands each environment's rules to Prometheus and reloads it when they change.
 */
class PrometheusConfigTest {

  static final String CONFIG = "deploy/prometheus/prometheus.yml";
  static final String RULES = "deploy/prometheus/envflow-rules.yml";
  static final String RULE_TESTS = "deploy/prometheus/envflow-rules.test.yml";
  static final String ENVIRONMENT_RULES_SCRIPT = "deploy/prometheus/environment-rules.sh";

  private final Compose compose = Compose.load();

  @Test
  void scrapesEnvflowsPrometheusEndpointInTheStack() {
    JsonNode job = Repo.yaml(CONFIG).path("scrape_configs").get(0);
    assertThat(job.path("job_name").asText()).isEqualTo("envflow");
    assertThat(job.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
    assertThat(job.path("static_configs").get(0).path("targets").get(0).asText()).isEqualTo("envflow:8080");
    assertThat(compose.services()).containsKey("envflow");
  }

  @Test
  void loadsOnlyRuleFilesTheComposeFileMountsOrFillsAtRunTime() {
    List<String> ruleFiles = new ArrayList<>();
    Repo.yaml(CONFIG).path("rule_files").forEach(f -> ruleFiles.add(f.asText()));
    assertThat(ruleFiles).isNotEmpty();
    for (String ruleFile : ruleFiles) {
      boolean mounted = compose.hostPathOf("prometheus", ruleFile).map(p -> Files.exists(Repo.file(p))).orElse(false);
      assertThat(mounted || compose.isRuntimePath("prometheus", ruleFile))
          .as(ruleFile + " is mounted from the repository or lies on a volume / tmpfs of the prometheus service").isTrue();
      assertThat(ruleFile.substring(0, ruleFile.lastIndexOf('/'))).as("a glob only in the last element").doesNotContain("*");
    }
    assertThat(compose.hostPathOf("prometheus", ruleFiles.get(0))).contains(RULES);
    assertThat(compose.hostPathOf("prometheus", "/etc/prometheus/prometheus.yml")).contains(CONFIG);
  }

  @Test
  void envflowsAlertsCoverWhatTheIssueAsksAndReadOnlyMetricsEnvflowServes() {
    List<String> alerts = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (JsonNode group : Repo.yaml(RULES).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        alerts.add(rule.path("alert").asText());
        MetricNames.in(rule.path("expr").asText()).stream().filter(m -> !MetricNames.isServedByEnvflow(m) && !m.equals("up"))
            .forEach(m -> unknown.add(rule.path("alert").asText() + ": " + m));
      }
    }
    assertThat(alerts).contains("EnvflowApprovalWaitingTooLong", "EnvflowProvisioningFailureRatio",
        "EnvflowCompensationFailed", "EnvflowActivityScheduleToStartSlow");
    assertThat(unknown).as("metrics envflow does not serve").isEmpty();
    assertThat(Repo.read(RULES)).contains("temporal_activity_schedule_to_start_latency_seconds_bucket", ") > 1\n");
  }

  @Test
  void everyAlertHasAUnitTest() {
    List<String> tested = new ArrayList<>();
    Repo.yaml(RULE_TESTS).path("tests").forEach(t -> t.path("alert_rule_test").forEach(a -> tested.add(a.path("alertname").asText())));
    Repo.yaml(RULES).path("groups").forEach(g -> g.path("rules").forEach(r ->
        assertThat(tested).as("promtool test for " + r.path("alert").asText()).contains(r.path("alert").asText())));
  }

  @Test
  void promtoolAcceptsTheConfigurationAsTheContainerSeesIt(@TempDir Path dir) throws Exception {
    Tool promtool = Tool.require("promtool", "apt-get install prometheus");
    // the container's paths, as the compose file mounts them, become this checkout's files; the environments'
    // directory gets one environment's rules, as environment-rules.sh would copy them
    Path environments = dir.resolve("environments");
    Files.createDirectories(environments);
    Files.writeString(environments.resolve("synckairos-staging.yaml"), SAMPLE_ENVIRONMENT_RULES);
    ObjectNode config = (ObjectNode) Repo.yaml(CONFIG);
    ArrayNode ruleFiles = config.putArray("rule_files");
    for (JsonNode ruleFile : Repo.yaml(CONFIG).path("rule_files")) {
      String path = ruleFile.asText();
      ruleFiles.add(compose.hostPathOf("prometheus", path).map(p -> Repo.file(p).toString())
          .orElse(environments + path.substring(path.lastIndexOf('/'))));
    }
    Path file = dir.resolve("prometheus.yml");
    Repo.YAML.writeValue(file.toFile(), config);

    Tool.Result result = promtool.run(dir, Map.of(), "check", "config", file.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 2 rule files found");
  }

  @Test
  void promtoolAcceptsEnvflowsRulesAndTheirUnitTestsPass() throws Exception {
    Tool promtool = Tool.require("promtool", "apt-get install prometheus");

    Tool.Result check = promtool.run(Repo.root(), Map.of(), "check", "rules", RULES);
    Tool.Result unitTests = promtool.run(Repo.root(), Map.of(), "test", "rules", RULE_TESTS);

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(unitTests.exitCode()).as(unitTests.output()).isZero();
  }

  @Test
  void environmentRulesAreCopiedFlatAndPrometheusIsToldWhenTheyChange(@TempDir Path dir) throws Exception {
    Path monitoring = dir.resolve("monitoring");
    Path target = dir.resolve("environments");
    Files.createDirectories(monitoring.resolve("synckairos-staging"));
    Files.createDirectories(monitoring.resolve("no-rules-yet"));
    Files.writeString(monitoring.resolve("synckairos-staging/alert-rules.yaml"), SAMPLE_ENVIRONMENT_RULES);
    // stands in for Prometheus: SIGHUP ends it, so its end proves the reload signal
    Process prometheus = new ProcessBuilder("sleep", "60").start();
    Process watcher = new ProcessBuilder("sh", Repo.file(ENVIRONMENT_RULES_SCRIPT).toString(), "watch",
        monitoring.toString(), target.toString(), "1", String.valueOf(prometheus.pid())).inheritIO().start();
    try {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> Files.exists(target.resolve("synckairos-staging.yaml")));
      assertThat(Files.readString(target.resolve("synckairos-staging.yaml"))).isEqualTo(SAMPLE_ENVIRONMENT_RULES);
      assertThat(prometheus.waitFor(3, TimeUnit.SECONDS)).as("no reload while nothing changes").isFalse();

      Files.createDirectories(monitoring.resolve("synckairos-qa"));
      Files.writeString(monitoring.resolve("synckairos-qa/alert-rules.yaml"), SAMPLE_ENVIRONMENT_RULES);

      assertThat(prometheus.waitFor(10, TimeUnit.SECONDS)).as("reloaded after a new environment").isTrue();
      assertThat(target.resolve("synckairos-qa.yaml")).exists();
      assertThat(watcher.waitFor(10, TimeUnit.SECONDS)).as("the watcher ends with Prometheus").isTrue();
    } finally {
      prometheus.destroyForcibly();
      watcher.destroyForcibly();
    }
  }

  static final String SAMPLE_ENVIRONMENT_RULES = """
      groups:
        - name: synckairos-staging
          rules:
            - alert: SynckairosHighErrorRate
              expr: sum(rate(synckairos_http_requests_total{status=~"5.."}[5m])) / sum(rate(synckairos_http_requests_total[5m])) > 0.01
              for: 5m
      """;
}
