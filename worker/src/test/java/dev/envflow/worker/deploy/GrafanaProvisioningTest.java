package dev.envflow.worker.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana: the provisioning files parse and point at what the compose stack mounts into Grafana, and
 * envflow's dashboard queries the provisioned Prometheus for metrics envflow serves, and nothing else.
 */
class GrafanaProvisioningTest {

  static final String PROVISIONING = "deploy/grafana/provisioning";
  static final String DASHBOARD = "deploy/grafana/dashboards/envflow.json";

  private final Compose compose = Compose.load();

  @Test
  void everyProvisioningFileParsesAndHasApiVersion1() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Repo.file(PROVISIONING))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      assertThat(file.toString()).endsWith(".yaml");
      JsonNode yaml = Repo.yaml(Repo.root().relativize(file).toString());
      assertThat(yaml.path("apiVersion").asInt()).as(file.toString()).isEqualTo(1);
    }
    assertThat(compose.hostPathOf("grafana", "/etc/grafana/provisioning")).contains(PROVISIONING);
  }

  @Test
  void thePrometheusDatasourceIsTheStacksPrometheus() {
    JsonNode datasource = Repo.yaml(PROVISIONING + "/datasources/prometheus.yaml").path("datasources").get(0);
    assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
    assertThat(datasource.path("uid").asText()).isEqualTo("prometheus");
    assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(compose.services()).containsKey("prometheus");
  }

  @Test
  void dashboardProvidersReadDirectoriesTheComposeFileMounts() {
    List<String> paths = new ArrayList<>();
    Repo.yaml(PROVISIONING + "/dashboards/envflow.yaml").path("providers")
        .forEach(p -> paths.add(p.path("options").path("path").asText()));
    assertThat(paths).contains("/etc/grafana/dashboards/envflow", "/etc/envflow/monitoring");
    assertThat(compose.hostPathOf("grafana", "/etc/grafana/dashboards/envflow/envflow.json")).contains(DASHBOARD);
    assertThat(compose.isRuntimePath("grafana", "/etc/envflow/monitoring")).isTrue();
  }

  @Test
  void envflowsDashboardQueriesOnlyMetricsEnvflowServes() {
    JsonNode dashboard = Repo.json(DASHBOARD);
    assertThat(dashboard.path("uid").asText()).isEqualTo("envflow");
    List<String> exprs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        exprs.add(expr);
        MetricNames.in(expr).stream().filter(m -> !MetricNames.isServedByEnvflow(m))
            .forEach(m -> problems.add(panel.path("title").asText() + ": " + m));
      }
      if (!panel.path("type").asText().equals("row")) {
        assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("prometheus");
      }
    }
    assertThat(problems).as("metrics envflow does not serve").isEmpty();
    String all = String.join("\n", exprs);
    assertThat(all).contains("envflow_environments", "envflow_approvals_pending", "envflow_provisioning_seconds_",
        "envflow_step_seconds_", "envflow_compensations_total", "envflow_provider_requests_seconds_",
        "temporal_activity_schedule_to_start_latency_seconds_bucket");
  }

  @Test
  void theMetricCheckCatchesNamesEnvflowDoesNotServe() {
    assertThat(MetricNames.in("sum by (le, task_queue) (rate(foo_bar_total{x=\"a b\"}[5m])) / on () envflow_environments > 0.2"))
        .containsExactly("foo_bar_total", "envflow_environments");
    assertThat(MetricNames.isServedByEnvflow("foo_bar_total")).isFalse();
    assertThat(MetricNames.isServedByEnvflow("envflow_steps_seconds_count")).isFalse();
    assertThat(MetricNames.isServedByEnvflow("temporal_activity_schedule_to_start_latency_seconds_bucket")).isTrue();
    assertThat(MetricNames.isServedByEnvflow("temporal_workflow_completed_total")).isTrue();
    assertThat(MetricNames.isServedByEnvflow("temporal_made_up_latency_seconds_bucket")).isFalse();
  }
}
