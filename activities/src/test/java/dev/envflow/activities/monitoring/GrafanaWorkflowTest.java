package dev.envflow.activities.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.fakes.FakeGrafana;
import dev.envflow.activities.fakes.FakePrometheus;
import dev.envflow.activities.fakes.FakeSlack;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.StepStatus;
import io.temporal.client.WorkflowFailedException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole workflow with {@code monitoring.provider: grafana} against the Grafana and Prometheus fakes. */
class GrafanaWorkflowTest {

  private final FakeGrafana grafana = new FakeGrafana();
  private final FakePrometheus prometheus = new FakePrometheus();
  private final FakeSlack slack = new FakeSlack();
  private final String initial = grafana.snapshot();
  private final ProvisioningWithFakes harness = new ProvisioningWithFakes(Map.of(
      "GRAFANA_URL", grafana.url(), "GRAFANA_TOKEN", FakeGrafana.TOKEN,
      "ENVFLOW_PROMETHEUS_URL", prometheus.url() + "/api/prom",
      "ENVFLOW_PROMETHEUS_USER", FakePrometheus.USER, "ENVFLOW_PROMETHEUS_TOKEN", FakePrometheus.TOKEN,
      "SLACK_WEBHOOK_URL", slack.webhookUrl()));

  @AfterEach
  void stop() {
    harness.close();
    grafana.close();
    prometheus.close();
    slack.close();
  }

  @Test
  void becomesActiveWithGrafanaMonitoringAndTeardownLeavesGrafanaAsItWas() {
    prometheus.samplesFromQuery(3);
    ObjectNode spec = harness.spec("grafana", "true");
    ((ObjectNode) spec.get("monitoring")).putObject("metricsCheck").put("timeout", "PT5M");
    ProvisionEnvironmentWorkflow workflow = harness.workflow();

    ProvisionResult result = workflow.provision(spec);

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(result.resources()).filteredOn(r -> r.provider().equals("grafana")).extracting(Resource::kind)
        .containsExactlyInAnyOrder("CONTACT_POINTS", "DASHBOARDS", "ALERT_RULES");
    assertThat(grafana.dashboard(harness.name() + "-latency")).isPresent();
    assertThat(grafana.alertRule(harness.name() + "-queue-backup")).isPresent();
    assertThat(grafana.policyTree().path("routes").get(0).path("receiver").asText()).isEqualTo(harness.name());
    StepStatus metrics = workflow.status().steps().stream().filter(s -> s.name().equals("metrics")).findFirst().orElseThrow();
    assertThat(metrics.detail()).startsWith("synckairos_active_sessions has samples at Prometheus " + prometheus.url() + "/api/prom after ");
    assertThat(prometheus.queries()).hasSize(3).containsOnly("synckairos_active_sessions{env=\"" + harness.name() + "\"}");
    assertThat(slack.texts()).singleElement().satisfies(text -> assertThat(text)
        .contains(harness.id() + " is ACTIVE", "dashboards (grafana): " + harness.name() + " at " + grafana.url()));
    assertThat(workflow.status().toString() + result).doesNotContain(FakeGrafana.TOKEN, FakePrometheus.TOKEN,
        FakeSlack.HOOK_PATH);

    harness.teardown();

    assertThat(grafana.snapshot()).isEqualTo(initial);
  }

  @Test
  void aFailureAfterTheMonitoringStepsLeavesGrafanaAsItWas() {
    Throwable thrown = catchThrowable(() -> harness.workflow().provision(harness.spec("grafana", "exit 3")));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(thrown.getCause().getMessage()).contains("deploy failed", "exited with code 3");
    assertThat(grafana.writes()).as("monitoring was created before the failure")
        .contains("POST /api/v1/provisioning/alert-rules");
    assertThat(grafana.snapshot()).isEqualTo(initial);
    assertThat(slack.texts()).singleElement().satisfies(text -> assertThat(text)
        .startsWith(":rewind: " + harness.id() + " was rolled back: deploy failed: "));
  }
}
