package dev.envflow.activities.monitoring.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.monitoring.JsonSubset;
import dev.envflow.activities.monitoring.MetricsCheck;
import dev.envflow.activities.monitoring.MonitoringInputs;
import dev.envflow.activities.monitoring.MonitoringProvider;
import dev.envflow.activities.monitoring.SecretRedaction;
import dev.envflow.activities.monitoring.SeedAlert;
import dev.envflow.activities.monitoring.SeedDashboard;
import dev.envflow.activities.monitoring.SeedMonitoring;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.ContactsSpec;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code datadog} provider ({@code DD_API_KEY}, {@code DD_APP_KEY}, {@code DD_SITE},
 * {@code ENVFLOW_DATADOG_API_URL}): the seed's three dashboards and three monitors with the spec's thresholds,
 * the Slack incoming webhook as a Webhooks integration the monitors mention, and the emails as monitor handles.
 * Found again by title and description marker (dashboards), name and tags (monitors), name (webhook): a re-run
 * changes only what differs, and deletes touch nothing envflow did not make.
 */
public final class DatadogMonitoringProvider implements MonitoringProvider {

  public static final String NAME = "datadog";
  public static final String API_KEY = "DD_API_KEY";
  public static final String APP_KEY = "DD_APP_KEY";
  public static final String SITE = "DD_SITE";
  public static final String API_URL = "ENVFLOW_DATADOG_API_URL";
  public static final String DEFAULT_SITE = "datadoghq.com";

  private final DatadogClient datadog;
  private final String appUrl;
  private final ProviderVariables variables;
  private final MetricsCheck metricsCheck;

  /**
   * From the worker's variables (which must hold {@code DD_API_KEY} and {@code DD_APP_KEY}); the metrics check
   * looks every {@code pollInterval} and measures its timeout on {@code clock}.
   */
  public static DatadogMonitoringProvider fromVariables(ProviderVariables variables, Duration pollInterval,
      Clock clock) {
    String site = variables.getOrDefault(SITE, DEFAULT_SITE);
    String apiUrl = variables.getOrDefault(API_URL, "https://api." + site);
    DatadogClient client = new DatadogClient(apiUrl, variables.required(API_KEY), variables.required(APP_KEY));
    return new DatadogMonitoringProvider(client, site, variables,
        new MetricsCheck(new DatadogMetricsSource(client, apiUrl, Clock.systemUTC()), pollInterval, clock));
  }

  /** With an HTTP client already pointing at Datadog (or a fake) and carrying the keys. */
  public static DatadogMonitoringProvider of(ProviderHttpClient http, String apiUrl, ProviderVariables variables,
      Duration pollInterval, Clock clock) {
    DatadogClient client = new DatadogClient(http);
    return new DatadogMonitoringProvider(client, variables.getOrDefault(SITE, DEFAULT_SITE), variables,
        new MetricsCheck(new DatadogMetricsSource(client, apiUrl, Clock.systemUTC()), pollInterval, clock));
  }

  private DatadogMonitoringProvider(DatadogClient datadog, String site, ProviderVariables variables,
      MetricsCheck metricsCheck) {
    this.datadog = datadog;
    this.appUrl = "https://" + (site.equals("datadoghq.com") || site.equals("datadoghq.eu") ? "app." + site : site);
    this.variables = variables;
    this.metricsCheck = metricsCheck;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The Slack webhook as a Webhooks integration; emails need nothing made, they are handles in the monitors. */
  @Override
  public Resource createContactPoints(EnvironmentSpec spec) {
    String name = MonitoringInputs.environmentName(spec.name());
    String webhookName = DatadogMonitoring.webhookName(name);
    Optional<String> slack = slackWebhookUrl(spec.monitoring().contacts());
    Optional<JsonNode> existing = datadog.webhook(webhookName);
    if (slack.isEmpty()) {
      existing.ifPresent(w -> datadog.deleteWebhook(webhookName));
    } else {
      ObjectNode webhook = DatadogMonitoring.webhook(name, slack.get());
      String shownAs = "the webhook URL in " + spec.monitoring().contacts().slackWebhookSecret();
      if (existing.isEmpty()) {
        SecretRedaction.redacting(slack.get(), shownAs, () -> datadog.createWebhook(webhookName, webhook));
      } else if (!JsonSubset.contains(existing.get(), webhook)) {
        SecretRedaction.redacting(slack.get(), shownAs, () -> datadog.updateWebhook(webhookName, webhook));
      }
    }
    return new Resource(ResourceKind.CONTACT_POINTS.name(), NAME, name, webhookName,
        appUrl + "/integrations/webhooks");
  }

  @Override
  public Resource createDashboards(EnvironmentSpec spec) {
    String name = MonitoringInputs.environmentName(spec.name());
    SeedMonitoring seed = new SeedMonitoring(name, MonitoringInputs.metricPrefix(spec.monitoring().metricPrefix()));
    List<JsonNode> all = datadog.dashboards();
    List<String> urls = new ArrayList<>();
    for (SeedDashboard dashboard : seed.dashboards()) {
      ObjectNode desired = DatadogMonitoring.dashboard(name, dashboard);
      String title = desired.get("title").asText();
      List<JsonNode> sameTitle = all.stream().filter(d -> title.equals(d.path("title").asText())).toList();
      Optional<JsonNode> ours = sameTitle.stream().filter(d -> DatadogMonitoring.isOurDashboard(d, name)).findFirst();
      if (ours.isEmpty() && !sameTitle.isEmpty()) {
        throw ProviderFailures.conflict(NAME, "dashboard \"" + title + "\"");
      }
      if (ours.isEmpty()) {
        urls.add(datadog.createDashboard(title, desired).path("url").asText());
        continue;
      }
      String id = ours.get().path("id").asText();
      if (!datadog.dashboard(id).map(current -> JsonSubset.contains(current, desired)).orElse(false)) {
        datadog.updateDashboard(id, desired);
      }
      urls.add(ours.get().path("url").asText());
    }
    return new Resource(ResourceKind.DASHBOARDS.name(), NAME, name, name,
        String.join(" ", urls.stream().map(url -> url.startsWith("http") ? url : appUrl + url).toList()));
  }

  @Override
  public Resource createAlertRules(EnvironmentSpec spec) {
    String name = MonitoringInputs.environmentName(spec.name());
    SeedMonitoring seed = new SeedMonitoring(name, MonitoringInputs.metricPrefix(spec.monitoring().metricPrefix()));
    ContactsSpec contacts = spec.monitoring().contacts();
    List<String> handles = DatadogMonitoring.handles(contacts == null ? List.of() : contacts.emails(),
        slackWebhookUrl(contacts).map(url -> DatadogMonitoring.webhookName(name)));
    for (SeedAlert alert : seed.alerts(spec.monitoring().alerts())) {
      ObjectNode desired = DatadogMonitoring.monitor(name, alert, handles);
      String monitorName = desired.get("name").asText();
      List<JsonNode> sameName = datadog.monitorsNamed(monitorName).stream()
          .filter(m -> monitorName.equals(m.path("name").asText())).toList();
      Optional<JsonNode> ours = sameName.stream().filter(m -> DatadogMonitoring.isOurMonitor(m, name)).findFirst();
      if (ours.isEmpty() && !sameName.isEmpty()) {
        throw ProviderFailures.conflict(NAME, "monitor \"" + monitorName + "\"");
      }
      if (ours.isEmpty()) {
        datadog.createMonitor(monitorName, desired);
      } else if (!JsonSubset.contains(ours.get(), desired)) {
        datadog.updateMonitor(ours.get().path("id").asLong(), desired);
      }
    }
    return new Resource(ResourceKind.ALERT_RULES.name(), NAME, name, name,
        appUrl + "/monitors/manage?q="
            + ProviderHttpClient.encode("tag:\"" + SeedMonitoring.ENVIRONMENT_LABEL + ":" + name + "\""));
  }

  @Override
  public void delete(Resource resource) {
    String name = MonitoringInputs.environmentName(resource.name());
    SeedMonitoring seed = new SeedMonitoring(name, "any");
    switch (resource.resourceKind()) {
      case CONTACT_POINTS -> datadog.deleteWebhook(DatadogMonitoring.webhookName(name));
      case DASHBOARDS -> {
        List<String> titles = seed.dashboards().stream().map(d -> DatadogMonitoring.dashboardTitle(name, d)).toList();
        datadog.dashboards().stream()
            .filter(d -> titles.contains(d.path("title").asText()) && DatadogMonitoring.isOurDashboard(d, name))
            .forEach(d -> datadog.deleteDashboard(d.path("id").asText()));
      }
      case ALERT_RULES -> {
        for (SeedAlert alert : seed.alerts(SeedMonitoring.SEED_THRESHOLDS)) {
          String monitorName = DatadogMonitoring.monitorName(name, alert);
          datadog.monitorsNamed(monitorName).stream()
              .filter(m -> monitorName.equals(m.path("name").asText()) && DatadogMonitoring.isOurMonitor(m, name))
              .forEach(m -> datadog.deleteMonitor(m.path("id").asLong()));
        }
      }
      default -> throw MonitoringInputs.invalid(resource.kind() + " " + resource.name() + " is not a monitoring resource");
    }
  }

  /** Looks for envflow's markers, tags and webhook names; see {@link DatadogOrphans}. */
  @Override
  public OrphanFinder orphanFinder() {
    return new DatadogOrphans(this, datadog);
  }

  @Override
  public Readiness metricsFlowing(EnvironmentSpec spec, long waitingSinceMillis) {
    return metricsCheck.look(spec, waitingSinceMillis);
  }

  private Optional<String> slackWebhookUrl(ContactsSpec contacts) {
    if (contacts == null || contacts.slackWebhookSecret() == null || contacts.slackWebhookSecret().isBlank()) {
      return Optional.empty();
    }
    String secret = MonitoringInputs.secretName(contacts.slackWebhookSecret());
    return Optional.of(variables.get(secret).orElseThrow(() -> MonitoringInputs.invalid(
        "monitoring.contacts.slackWebhookSecret names " + secret + ", which is not set on this worker")));
  }
}
