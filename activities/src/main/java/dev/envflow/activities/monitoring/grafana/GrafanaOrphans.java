package dev.envflow.activities.monitoring.grafana;

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

/**
 * Grafana as the orphan sweep sees it. Alert rules are listed whole: every rule labelled {@code managed_by=envflow}
 * with an {@code env} label, at one of the seed's uids for that environment. Grafana's API has no search by tag
 * envflow can rely on, so dashboards (envflow's uids, tagged {@code envflow} and the environment) and contact points
 * (named after the environment, at envflow's uids) are looked up for each environment the inventory knows. Deleting
 * goes through the provider's own delete, which touches only what carries those marks.
 */
final class GrafanaOrphans implements OrphanFinder {

  private final GrafanaMonitoringProvider provider;
  private final GrafanaClient grafana;

  GrafanaOrphans(GrafanaMonitoringProvider provider, GrafanaClient grafana) {
    this.provider = provider;
    this.grafana = grafana;
  }

  @Override
  public String provider() {
    return GrafanaMonitoringProvider.NAME;
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(ResourceKind.CONTACT_POINTS, ResourceKind.DASHBOARDS, ResourceKind.ALERT_RULES);
  }

  @Override
  public List<FoundResource> owned(Set<String> environmentNames) {
    List<FoundResource> found = new ArrayList<>();
    Set<String> withRules = new TreeSet<>();
    for (JsonNode rule : grafana.alertRules()) {
      String name = rule.path("labels").path(SeedMonitoring.ENVIRONMENT_LABEL).asText("");
      if (MonitoringInputs.isEnvironmentName(name) && GrafanaAlertRules.isOurs(rule, name)
          && alertRuleUids(name).contains(rule.path("uid").asText())) {
        withRules.add(name);
      }
    }
    withRules.forEach(name -> found.add(found(ResourceKind.ALERT_RULES, name, name,
        "alert rules of " + name + " carry envflow's labels managed_by=envflow, env=" + name)));
    for (String name : new TreeSet<>(environmentNames)) {
      if (!MonitoringInputs.isEnvironmentName(name)) {
        continue;
      }
      if (hasDashboards(name)) {
        found.add(found(ResourceKind.DASHBOARDS, name, GrafanaNames.folder(name),
            "dashboards of " + name + " at envflow's uids carry the tags envflow and " + name));
      }
      if (hasContactPoints(name)) {
        found.add(found(ResourceKind.CONTACT_POINTS, name, name,
            "contact points named " + name + " are at envflow's uids " + GrafanaContactPoints.uids(name)));
      }
    }
    return found;
  }

  /** An environment without contacts has no contact points at all: their absence proves nothing. */
  @Override
  public Presence presence(Resource recorded) {
    String name = recorded.name();
    if (!MonitoringInputs.isEnvironmentName(name)) {
      return Presence.UNKNOWN;
    }
    return switch (recorded.resourceKind()) {
      case ALERT_RULES -> alertRuleUids(name).stream()
          .anyMatch(uid -> grafana.alertRule(uid).filter(rule -> GrafanaAlertRules.isOurs(rule, name)).isPresent())
          ? Presence.PRESENT : Presence.GONE;
      case DASHBOARDS -> hasDashboards(name) ? Presence.PRESENT : Presence.GONE;
      case CONTACT_POINTS -> hasContactPoints(name) ? Presence.PRESENT : Presence.UNKNOWN;
      default -> Presence.UNKNOWN;
    };
  }

  @Override
  public void delete(FoundResource orphan) {
    provider.delete(new Resource(orphan.kind(), provider(), orphan.name(), orphan.externalId(), null));
  }

  private boolean hasDashboards(String name) {
    return SeedMonitoring.DASHBOARD_KEYS.stream().anyMatch(key -> grafana.dashboard(GrafanaNames.of(name, key))
        .filter(dashboard -> GrafanaMonitoringProvider.isOurDashboard(dashboard.path("dashboard"), name)).isPresent());
  }

  private boolean hasContactPoints(String name) {
    List<String> ours = GrafanaContactPoints.uids(name);
    return grafana.contactPoints(name).stream()
        .anyMatch(point -> name.equals(point.path("name").asText()) && ours.contains(point.path("uid").asText()));
  }

  private static List<String> alertRuleUids(String name) {
    return SeedMonitoring.ALERT_KEYS.stream().map(key -> GrafanaNames.of(name, key)).toList();
  }

  private FoundResource found(ResourceKind kind, String name, String externalId, String evidence) {
    return new FoundResource(kind.name(), provider(), name, externalId, Mark.ENVFLOW, evidence, Optional.empty());
  }
}
