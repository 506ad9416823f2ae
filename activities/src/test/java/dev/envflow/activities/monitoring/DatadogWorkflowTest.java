package dev.envflow.activities.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.fakes.FakeDatadog;
import dev.envflow.activities.fakes.FakeSlack;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.model.ProvisionResult;
import dev.envflow.workflows.model.Resource;
import io.temporal.client.WorkflowFailedException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole workflow with {@code monitoring.provider: datadog} against the Datadog fake. */
class DatadogWorkflowTest {

  private final FakeDatadog datadog = new FakeDatadog();
  private final FakeSlack slack = new FakeSlack();
  private final String initial = datadog.snapshot();
  private final ProvisioningWithFakes harness = new ProvisioningWithFakes(Map.of(
      "DD_API_KEY", FakeDatadog.API_KEY, "DD_APP_KEY", FakeDatadog.APP_KEY, "ENVFLOW_DATADOG_API_URL", datadog.url(),
      "SLACK_WEBHOOK_URL", slack.webhookUrl()));

  @AfterEach
  void stop() {
    harness.close();
    datadog.close();
    slack.close();
  }

  @Test
  void becomesActiveOnceDatadogHasTheMetricAndTeardownLeavesTheAccountAsItWas() {
    datadog.samplesFromQuery(2);
    ObjectNode spec = harness.spec("datadog", "true");
    ((ObjectNode) spec.get("monitoring")).putObject("metricsCheck");

    ProvisionResult result = harness.workflow().provision(spec);

    assertThat(result.phase()).isEqualTo(Phase.ACTIVE);
    assertThat(result.resources()).filteredOn(r -> r.provider().equals("datadog")).extracting(Resource::kind)
        .containsExactlyInAnyOrder("CONTACT_POINTS", "DASHBOARDS", "ALERT_RULES");
    assertThat(datadog.monitors()).filteredOn(m -> m.path("tags").toString().contains("env:" + harness.name())).hasSize(3);
    assertThat(datadog.dashboards()).filteredOn(d -> d.path("title").asText().startsWith(harness.name())).hasSize(3);
    assertThat(datadog.webhook("envflow-" + harness.name() + "-slack")).isPresent();
    assertThat(datadog.metricQueries()).hasSize(2).containsOnly("avg:synckairos.active_sessions{env:" + harness.name() + "}");
    assertThat(result.toString()).doesNotContain(FakeDatadog.API_KEY, FakeDatadog.APP_KEY, FakeSlack.HOOK_PATH);

    harness.teardown();

    assertThat(datadog.snapshot()).isEqualTo(initial);
  }

  @Test
  void aFailureAfterTheMonitoringStepsLeavesTheAccountAsItWas() {
    Throwable thrown = catchThrowable(() -> harness.workflow().provision(harness.spec("datadog", "exit 3")));

    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(datadog.writes()).as("monitoring was created before the failure").contains("POST /api/v1/monitor");
    assertThat(datadog.snapshot()).isEqualTo(initial);
  }
}
