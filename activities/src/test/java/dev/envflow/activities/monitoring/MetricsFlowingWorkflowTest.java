package dev.envflow.activities.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.fakes.FakeGrafana;
import dev.envflow.activities.fakes.FakePrometheus;
import dev.envflow.activities.fakes.FakeSlack;
import dev.envflow.workflows.ProvisionEnvironmentWorkflow;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.StepState;
import dev.envflow.workflows.model.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Are metrics flowing?" through the whole workflow: a metric that never arrives rolls the environment back. */
class MetricsFlowingWorkflowTest {

  private final FakeGrafana grafana = new FakeGrafana();
  private final FakePrometheus prometheus = new FakePrometheus();
  private final FakeSlack slack = new FakeSlack();
  private final String initial = grafana.snapshot();
  private final ProvisioningWithFakes harness = new ProvisioningWithFakes(Map.of(
      "GRAFANA_URL", grafana.url(), "GRAFANA_TOKEN", FakeGrafana.TOKEN,
      "ENVFLOW_PROMETHEUS_URL", prometheus.url(),
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
  void aMetricThatNeverArrivesRollsBackNamingTheMetricAndWhereItLooked() {
    ObjectNode spec = harness.spec("grafana", "true");
    ((ObjectNode) spec.get("monitoring")).putObject("metricsCheck")
        .put("metric", "synckairos_http_requests_total").put("timeout", "PT2M");
    ProvisionEnvironmentWorkflow workflow = harness.workflow();
    WorkflowClient.start(workflow::provision, spec);
    while (workflow.status().phase() != Phase.VERIFYING) {
      harness.env.sleep(Duration.ofSeconds(5));
    }
    harness.env.sleep(Duration.ofSeconds(50));
    StepStatus waiting = workflow.status().steps().stream().filter(s -> s.name().equals("metrics")).findFirst().orElseThrow();
    assertThat(waiting.state()).isEqualTo(StepState.RUNNING);
    assertThat(waiting.detail()).startsWith("waiting for a sample of synckairos_http_requests_total at Prometheus "
        + prometheus.url() + ", ");

    Throwable thrown = catchThrowable(() -> io.temporal.client.WorkflowStub.fromTyped(workflow).getResult(Object.class));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo(FailureType.METRICS_NOT_FLOWING.name());
    assertThat(failure.getOriginalMessage()).startsWith("metrics failed: no sample of synckairos_http_requests_total at"
        + " Prometheus " + prometheus.url() + " after 2m").contains("rolled back").doesNotContain(FakePrometheus.TOKEN);
    assertThat(prometheus.queries().size()).as("looked every 15 s for 2 minutes").isBetween(8, 11);
    assertThat(workflow.status().phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(grafana.snapshot()).isEqualTo(initial);
    assertThat(slack.texts()).singleElement().satisfies(text -> assertThat(text).contains("was rolled back: metrics failed:"
        + " no sample of synckairos_http_requests_total"));
  }
}
