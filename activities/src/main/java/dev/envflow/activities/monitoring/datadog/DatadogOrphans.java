package dev.envflow.activities.monitoring.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.activities.monitoring.MonitoringInputs;
import dev.envflow.activities.monitoring.SeedMonitoring;
import dev.envflow.activities.sweep.FoundResource;
import dev.envflow.activities.sweep.Mark;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.activities.sweep.Presence;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datadog as the orphan sweep sees it. Dashboards are listed whole: every dashboard whose description carries
 * envflow's marker {@code [envflow:{name}]} under one of the seed's titles. Monitors (tags {@code managed-by:envflow}
 * and {@code env:{name}}) are searched by name for each environment the inventory knows. The Slack webhook
 * {@code envflow-{name}-slack} carries nothing but its name ({@link Mark#NAME}), so the sweep deletes it only when the
 * inventory recorded it. Deleting goes through the provider's own delete.
 */
final class DatadogOrphans implements OrphanFinder {

  private static final Pattern MARKER = Pattern.compile("\\[envflow:([A-Za-z0-9][A-Za-z0-9_.-]*)]");

  private final DatadogMonitoringProvider provider;
  private final DatadogClient datadog;

  DatadogOrphans(DatadogMonitoringProvider provider, DatadogClient datadog) {
    this.provider = provider;
    this.datadog = datadog;
  }

  @Override
  public String provider() {
    return DatadogMonitoringProvider.NAME;
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(ResourceKind.CONTACT_POINTS, ResourceKind.DASHBOARDS, ResourceKind.ALERT_RULES);
  }

  @Override
  public List<FoundResource> owned(Set<String> environmentNames) {
    Set<String> withDashboards = new TreeSet<>();
    for (JsonNode dashboard : datadog.dashboards()) {
      Matcher marker = MARKER.matcher(dashboard.path("description").asText(""));
      while (marker.find()) {
        if (isOurDashboard(dashboard, marker.group(1))) {
          withDashboards.add(marker.group(1));
        }
      }
    }
    List<FoundResource> found = new ArrayList<>();
    withDashboards.forEach(name -> found.add(found(ResourceKind.DASHBOARDS, name, name, Mark.ENVFLOW,
        "dashboards of " + name + " carry envflow's marker " + DatadogMonitoring.marker(name))));
    for (String name : new TreeSet<>(environmentNames)) {
      if (!MonitoringInputs.isEnvironmentName(name)) {
        continue;
      }
      if (hasMonitors(name)) {
        found.add(found(ResourceKind.ALERT_RULES, name, name, Mark.ENVFLOW, "monitors of " + name
            + " carry the tags " + String.join(" and ", DatadogMonitoring.tags(name))));
      }
      String webhook = DatadogMonitoring.webhookName(name);
      if (datadog.webhook(webhook).isPresent()) {
        found.add(found(ResourceKind.CONTACT_POINTS, name, webhook, Mark.NAME,
            "Webhooks integration " + webhook + " is named like environment env-" + name));
      }
    }
    return found;
  }

  /** An environment without a Slack contact has no webhook at all: its absence proves nothing. */
  @Override
  public Presence presence(Resource recorded) {
    String name = recorded.name();
    if (!MonitoringInputs.isEnvironmentName(name)) {
      return Presence.UNKNOWN;
    }
    return switch (recorded.resourceKind()) {
      case DASHBOARDS -> datadog.dashboards().stream().anyMatch(dashboard -> isOurDashboard(dashboard, name))
          ? Presence.PRESENT : Presence.GONE;
      case ALERT_RULES -> hasMonitors(name) ? Presence.PRESENT : Presence.GONE;
      case CONTACT_POINTS -> datadog.webhook(DatadogMonitoring.webhookName(name)).isPresent()
          ? Presence.PRESENT : Presence.UNKNOWN;
      default -> Presence.UNKNOWN;
    };
  }

  @Override
  public void delete(FoundResource orphan) {
    provider.delete(new Resource(orphan.kind(), provider(), orphan.name(), orphan.externalId(), null));
  }

  private boolean hasMonitors(String name) {
    return datadog.monitorsNamed("[" + name + "]").stream()
        .anyMatch(monitor -> monitor.path("name").asText().startsWith("[" + name + "] ")
            && DatadogMonitoring.isOurMonitor(monitor, name));
  }

  private static boolean isOurDashboard(JsonNode dashboard, String name) {
    if (!MonitoringInputs.isEnvironmentName(name) || !DatadogMonitoring.isOurDashboard(dashboard, name)) {
      return false;
    }
    String title = dashboard.path("title").asText();
    return new SeedMonitoring(name, "any").dashboards().stream()
        .anyMatch(seed -> DatadogMonitoring.dashboardTitle(name, seed).equals(title));
  }

  private FoundResource found(ResourceKind kind, String name, String externalId, Mark mark, String evidence) {
    return new FoundResource(kind.name(), provider(), name, externalId, mark, evidence, Optional.empty());
  }
}
