package dev.envflow.activities.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.workflows.spec.AlertsSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one source of the seed's queries: every panel and alert in PromQL and in Datadog's query language. */
class SeedMonitoringTest {

  private static final String ENV = "{env=\"synckairos-staging\"}";
  private final SeedMonitoring seed = new SeedMonitoring("synckairos-staging", "synckairos");

  private static List<String> promQl(SeedDashboard dashboard) {
    return dashboard.panels().stream().flatMap(p -> p.targets().stream()).map(t -> t.query().promQl()).toList();
  }

  private static List<String> datadog(SeedDashboard dashboard) {
    return dashboard.panels().stream().flatMap(p -> p.targets().stream()).map(t -> t.query().datadog()).toList();
  }

  @Test
  void theDashboardsHaveTheSeedsPanelsInOrder() {
    assertThat(seed.dashboards()).extracting(SeedDashboard::key).containsExactlyElementsOf(SeedMonitoring.DASHBOARD_KEYS);
    assertThat(seed.dashboards()).flatExtracting(d -> d.panels().stream().map(SeedDashboard.Panel::title).toList())
        .containsExactly("switchCycle() Latency", "HTTP Request Duration p95 by Route",
            "Active Sessions", "Requests per Second", "WebSocket Connections", "DB Write Queue Depth",
            "HTTP Errors by Status Code", "Error Rate", "Failed DB Writes");
  }

  @Test
  void latencyPanelsAreTheSeedsQuantilesOfTheEnvironmentsHistograms() {
    SeedDashboard latency = seed.dashboards().get(0);

    assertThat(promQl(latency)).containsExactly(
        "histogram_quantile(0.50, sum by (le) (rate(synckairos_switch_cycle_duration_ms_bucket" + ENV + "[5m])))",
        "histogram_quantile(0.95, sum by (le) (rate(synckairos_switch_cycle_duration_ms_bucket" + ENV + "[5m])))",
        "histogram_quantile(0.99, sum by (le) (rate(synckairos_switch_cycle_duration_ms_bucket" + ENV + "[5m])))",
        "histogram_quantile(0.95, sum by (le, route) (rate(synckairos_http_request_duration_ms_bucket" + ENV + "[5m])))");
    assertThat(datadog(latency)).containsExactly(
        "p50:synckairos.switch_cycle_duration_ms{env:synckairos-staging}",
        "p95:synckairos.switch_cycle_duration_ms{env:synckairos-staging}",
        "p99:synckairos.switch_cycle_duration_ms{env:synckairos-staging}",
        "p95:synckairos.http_request_duration_ms{env:synckairos-staging} by {route}");
    assertThat(latency.panels()).extracting(SeedDashboard.Panel::unit).containsOnly("ms");
  }

  @Test
  void throughputAndErrorPanelsReadTheEnvironmentsGaugesAndCounters() {
    assertThat(promQl(seed.dashboards().get(1))).containsExactly(
        "sum(synckairos_active_sessions" + ENV + ")",
        "sum(rate(synckairos_http_requests_total" + ENV + "[5m]))",
        "sum(synckairos_websocket_connections" + ENV + ")",
        "sum(synckairos_db_write_queue_size" + ENV + ")");
    assertThat(promQl(seed.dashboards().get(2))).containsExactly(
        "sum by (status_code) (rate(synckairos_http_requests_total{env=\"synckairos-staging\",status_code=~\"[45]..\"}[5m]))",
        "100 * sum(rate(synckairos_http_requests_total{env=\"synckairos-staging\",status_code=~\"5..\"}[5m]))"
            + " / sum(rate(synckairos_http_requests_total" + ENV + "[5m]))",
        "sum(rate(synckairos_db_writes_failed_total" + ENV + "[5m]))");
    assertThat(datadog(seed.dashboards().get(1))).containsExactly(
        "sum:synckairos.active_sessions{env:synckairos-staging}",
        "sum:synckairos.http_requests.count{env:synckairos-staging}.as_rate()",
        "sum:synckairos.websocket_connections{env:synckairos-staging}",
        "sum:synckairos.db_write_queue_size{env:synckairos-staging}");
    assertThat(datadog(seed.dashboards().get(2))).containsExactly(
        "sum:synckairos.http_requests.count{env:synckairos-staging AND (status_code:4* OR status_code:5*)} by {status_code}.as_rate()",
        "100 * sum:synckairos.http_requests.count{env:synckairos-staging,status_code:5*}.as_count()"
            + " / sum:synckairos.http_requests.count{env:synckairos-staging}.as_count()",
        "sum:synckairos.db_writes_failed.count{env:synckairos-staging}.as_rate()");
  }

  @Test
  void theAlertsUseTheSeedsDefaultsAndHoldTimes() {
    List<SeedAlert> alerts = seed.alerts(SeedMonitoring.SEED_THRESHOLDS);

    assertThat(alerts).extracting(SeedAlert::key).containsExactlyElementsOf(SeedMonitoring.ALERT_KEYS);
    assertThat(alerts).extracting(SeedAlert::promQlCondition).containsExactly(
        "histogram_quantile(0.95, sum by (le) (rate(synckairos_switch_cycle_duration_ms_bucket" + ENV + "[5m]))) > 50",
        "sum(rate(synckairos_http_requests_total{env=\"synckairos-staging\",status_code=~\"5..\"}[5m]))"
            + " / sum(rate(synckairos_http_requests_total" + ENV + "[5m])) > 0.01",
        "synckairos_db_write_queue_size" + ENV + " > 1000");
    assertThat(alerts).extracting(SeedAlert::holdForText).containsExactly("5m", "5m", "10m");
    assertThat(alerts).extracting(SeedAlert::description).containsExactly(
        "p95 switchCycle latency > 50ms for 5 minutes", "5xx error rate > 1% for 5 minutes",
        "Queue depth > 1000 for 10 minutes");
  }

  @Test
  void theSpecsThresholdsMeanTheSameInPromQlAndInDatadogMonitors() {
    List<SeedAlert> alerts = seed.alerts(new AlertsSpec(75, 0.005, 250));

    assertThat(alerts).extracting(SeedAlert::thresholdText).containsExactly("75", "0.005", "250");
    assertThat(alerts).extracting(SeedAlert::datadogMonitorQuery).containsExactly(
        "percentile(last_5m):p95:synckairos.switch_cycle_duration_ms{env:synckairos-staging} > 75",
        "sum(last_5m):sum:synckairos.http_requests.count{env:synckairos-staging,status_code:5*}.as_count()"
            + " / sum:synckairos.http_requests.count{env:synckairos-staging}.as_count() > 0.005",
        "min(last_10m):max:synckairos.db_write_queue_size{env:synckairos-staging} > 250");
    assertThat(alerts.get(0).promQlCondition()).endsWith(" > 75");
    assertThat(alerts.get(1).promQlCondition()).endsWith(" > 0.005");
    assertThat(alerts.get(2).promQlCondition()).endsWith(" > 250");
    assertThat(alerts.get(1).description()).contains("0.5%");
  }

  @Test
  void everyQueryIsWellFormedPromQlOnThePrefixedMetrics() {
    SeedMonitoring other = new SeedMonitoring("shop-qa", "shop");
    other.dashboards().stream().flatMap(d -> d.panels().stream()).flatMap(p -> p.targets().stream())
        .forEach(t -> PromQlShape.assertWellFormed(t.query().promQl(), "shop"));
    other.alerts(SeedMonitoring.SEED_THRESHOLDS).forEach(a -> PromQlShape.assertWellFormed(a.promQlCondition(), "shop"));
  }

  @Test
  void metricNamesAreSpelledForDatadogTheWayTheAgentSubmitsThem() {
    assertThat(MetricName.datadogName("synckairos", "synckairos_active_sessions")).isEqualTo("synckairos.active_sessions");
    assertThat(MetricName.datadogName("synckairos", "synckairos_http_requests_total")).isEqualTo("synckairos.http_requests.count");
    assertThat(MetricName.datadogName("synckairos", "synckairos.custom.metric")).isEqualTo("synckairos.custom.metric");
    assertThat(MetricName.datadogName("synckairos", "up")).isEqualTo("up");
  }
}
