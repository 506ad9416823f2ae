package dev.envflow.activities.monitoring.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.activities.cloud.ProviderHttpClient;
import dev.envflow.activities.cloud.ProviderVariables;
import dev.envflow.activities.monitoring.GrafanaDashboards;
import dev.envflow.activities.monitoring.JsonSubset;
import dev.envflow.activities.monitoring.MetricsCheck;
import dev.envflow.activities.monitoring.MonitoringInputs;
import dev.envflow.activities.monitoring.MonitoringProvider;
import dev.envflow.activities.monitoring.SeedAlert;
import dev.envflow.activities.monitoring.SecretRedaction;
import dev.envflow.activities.monitoring.SeedMonitoring;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.FailureType;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.ContactsSpec;
import dev.envflow.workflows.spec.EnvironmentSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code grafana} provider, for Grafana Cloud stacks and self-hosted Grafana alike ({@code GRAFANA_URL},
 * {@code GRAFANA_TOKEN}): a folder {@code envflow-{name}} titled {@code {name}}, the seed's three dashboards in it
 * querying the Prometheus data source found through the API, the seed's three alert rules in rule group
 * {@code {name}}, a contact point {@code {name}} (email and Slack) and a notification-policy route for the
 * environment merged into the organisation's tree. Everything has a deterministic uid and is recognised as
 * envflow's by its tags, labels or uid: a re-run changes only what differs from the spec, and deletes touch
 * nothing else.
 */
public final class GrafanaMonitoringProvider implements MonitoringProvider {

  public static final String NAME = "grafana";
  public static final String URL = "GRAFANA_URL";
  public static final String TOKEN = "GRAFANA_TOKEN";

  private static final Logger log = LoggerFactory.getLogger(GrafanaMonitoringProvider.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The policy tree is read, merged and written back whole: one change at a time from this worker. */
  private static final Object POLICY_TREE = new Object();

  private final GrafanaClient grafana;
  private final String publicUrl;
  private final ProviderVariables variables;
  private final MetricsCheck metricsCheck;

  /** @param variables the worker's variables, where the spec's Slack webhook secret is looked up */
  public GrafanaMonitoringProvider(String baseUrl, String token, ProviderVariables variables, MetricsCheck metricsCheck) {
    this(new GrafanaClient(baseUrl, token), baseUrl, variables, metricsCheck);
  }

  public GrafanaMonitoringProvider(ProviderHttpClient http, String baseUrl, ProviderVariables variables,
      MetricsCheck metricsCheck) {
    this(new GrafanaClient(http), baseUrl, variables, metricsCheck);
  }

  private GrafanaMonitoringProvider(GrafanaClient grafana, String baseUrl, ProviderVariables variables,
      MetricsCheck metricsCheck) {
    this.grafana = grafana;
    HttpUrl url = HttpUrl.parse(baseUrl);
    this.publicUrl = url == null ? baseUrl
        : url.newBuilder().username("").password("").build().toString().replaceAll("/+$", "");
    this.variables = variables;
    this.metricsCheck = metricsCheck;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Any failure on the way keeps the webhook URL out of its message, should Grafana echo it. */
  @Override
  public Resource createContactPoints(EnvironmentSpec spec) {
    ContactsSpec contacts = spec.monitoring().contacts();
    Optional<String> slack = slackWebhookUrl(contacts);
    return SecretRedaction.redacting(slack.orElse(null), "the webhook URL in "
        + (contacts == null ? "" : contacts.slackWebhookSecret()), () -> createContactPoints(spec, contacts, slack));
  }

  private Resource createContactPoints(EnvironmentSpec spec, ContactsSpec contacts, Optional<String> slack) {
    String name = MonitoringInputs.environmentName(spec.name());
    List<ObjectNode> desired = GrafanaContactPoints.of(name, contacts == null ? List.of() : contacts.emails(), slack);
    List<String> ourUids = GrafanaContactPoints.uids(name);
    List<JsonNode> existing = grafana.contactPoints(name).stream()
        .filter(c -> name.equals(c.path("name").asText())).toList();
    List<JsonNode> ours = existing.stream().filter(c -> ourUids.contains(c.path("uid").asText())).toList();
    if (ours.isEmpty() && !existing.isEmpty()) {
      throw ProviderFailures.conflict(NAME, "contact point " + name);
    }
    for (ObjectNode contactPoint : desired) {
      String uid = contactPoint.get("uid").asText();
      Optional<JsonNode> found = ours.stream().filter(c -> uid.equals(c.path("uid").asText())).findFirst();
      if (found.isEmpty()) {
        grafana.createContactPoint(uid, contactPoint);
      } else if (GrafanaContactPoints.hasSecureSettings(contactPoint) || !JsonSubset.contains(found.get(), contactPoint)) {
        // a secure setting (the Slack URL) comes back redacted, so it is written again in case it was rotated
        grafana.updateContactPoint(uid, contactPoint);
      }
    }
    if (desired.isEmpty()) {
      changePolicyTree(tree -> GrafanaPolicyTree.withoutRoute(tree, name), name);
    } else {
      changePolicyTree(tree -> GrafanaPolicyTree.withRoute(tree, name), name);
    }
    List<String> desiredUids = desired.stream().map(c -> c.get("uid").asText()).toList();
    ours.stream().map(c -> c.path("uid").asText()).filter(uid -> !desiredUids.contains(uid))
        .forEach(grafana::deleteContactPoint);
    return new Resource(ResourceKind.CONTACT_POINTS.name(), NAME, name, name, publicUrl + "/alerting/notifications");
  }

  @Override
  public Resource createDashboards(EnvironmentSpec spec) {
    String name = MonitoringInputs.environmentName(spec.name());
    SeedMonitoring seed = new SeedMonitoring(name, MonitoringInputs.metricPrefix(spec.monitoring().metricPrefix()));
    String folderUid = ensureFolder(name);
    String datasourceUid = prometheusDatasource();
    for (GrafanaDashboards.Named named : GrafanaDashboards.of(seed, datasourceUid)) {
      ObjectNode dashboard = JSON.valueToTree(named.dashboard());
      dashboard.remove("version");
      String uid = dashboard.get("uid").asText();
      ObjectNode save = JSON.createObjectNode();
      Optional<JsonNode> existing = grafana.dashboard(uid);
      if (existing.isPresent()) {
        JsonNode current = existing.get().path("dashboard");
        if (!isOurDashboard(current, name)) {
          throw ProviderFailures.conflict(NAME, "dashboard " + uid);
        }
        if (JsonSubset.contains(current, dashboard)
            && folderUid.equals(existing.get().path("meta").path("folderUid").asText())) {
          continue;
        }
        dashboard.set("id", current.get("id"));
        dashboard.set("version", current.get("version"));
      } else {
        dashboard.putNull("id");
      }
      save.set("dashboard", dashboard);
      save.put("folderUid", folderUid);
      save.put("overwrite", false);
      save.put("message", "envflow: seed dashboards of " + name);
      grafana.saveDashboard(uid, save);
    }
    return new Resource(ResourceKind.DASHBOARDS.name(), NAME, name, folderUid, publicUrl + "/dashboards/f/" + folderUid);
  }

  @Override
  public Resource createAlertRules(EnvironmentSpec spec) {
    String name = MonitoringInputs.environmentName(spec.name());
    SeedMonitoring seed = new SeedMonitoring(name, MonitoringInputs.metricPrefix(spec.monitoring().metricPrefix()));
    String folderUid = ensureFolder(name);
    String datasourceUid = prometheusDatasource();
    for (SeedAlert alert : seed.alerts(spec.monitoring().alerts())) {
      ObjectNode rule = GrafanaAlertRules.rule(name, folderUid, datasourceUid, alert);
      String uid = rule.get("uid").asText();
      Optional<JsonNode> existing = grafana.alertRule(uid);
      if (existing.isEmpty()) {
        grafana.createAlertRule(uid, rule);
      } else if (!GrafanaAlertRules.isOurs(existing.get(), name)) {
        throw ProviderFailures.conflict(NAME, "alert rule " + uid);
      } else if (!JsonSubset.contains(existing.get(), rule)) {
        grafana.updateAlertRule(uid, rule);
      }
    }
    return new Resource(ResourceKind.ALERT_RULES.name(), NAME, name, name, publicUrl + "/alerting/list");
  }

  @Override
  public void delete(Resource resource) {
    String name = MonitoringInputs.environmentName(resource.name());
    switch (resource.resourceKind()) {
      case CONTACT_POINTS -> {
        changePolicyTree(tree -> GrafanaPolicyTree.withoutRoute(tree, name), name);
        List<String> ourUids = GrafanaContactPoints.uids(name);
        grafana.contactPoints(name).stream()
            .filter(c -> name.equals(c.path("name").asText()) && ourUids.contains(c.path("uid").asText()))
            .forEach(c -> grafana.deleteContactPoint(c.path("uid").asText()));
      }
      case DASHBOARDS -> {
        for (String key : SeedMonitoring.DASHBOARD_KEYS) {
          String uid = GrafanaNames.of(name, key);
          grafana.dashboard(uid).filter(d -> isOurDashboard(d.path("dashboard"), name))
              .ifPresent(d -> grafana.deleteDashboard(uid));
        }
        deleteFolderIfEmpty(name);
      }
      case ALERT_RULES -> {
        for (String key : SeedMonitoring.ALERT_KEYS) {
          String uid = GrafanaNames.of(name, key);
          grafana.alertRule(uid).filter(r -> GrafanaAlertRules.isOurs(r, name)).ifPresent(r -> grafana.deleteAlertRule(uid));
        }
        deleteFolderIfEmpty(name);
      }
      default -> throw MonitoringInputs.invalid(resource.kind() + " " + resource.name() + " is not a monitoring resource");
    }
  }

  /** Looks for envflow's labels, tags and uids; see {@link GrafanaOrphans}. */
  @Override
  public OrphanFinder orphanFinder() {
    return new GrafanaOrphans(this, grafana);
  }

  @Override
  public Readiness metricsFlowing(EnvironmentSpec spec, long waitingSinceMillis) {
    return metricsCheck.look(spec, waitingSinceMillis);
  }

  /** The environment's folder, created when missing; a folder at our uid with another title is not ours. */
  private String ensureFolder(String name) {
    String uid = GrafanaNames.folder(name);
    Optional<JsonNode> folder = grafana.folder(uid);
    if (folder.isPresent()) {
      requireOurFolder(folder.get(), uid, name);
      return uid;
    }
    try {
      grafana.createFolder(uid, name);
    } catch (ApplicationFailure conflict) {
      if (!FailureType.CONFLICT.name().equals(conflict.getType())) {
        throw conflict;
      }
      // made meanwhile by a retry of ours — or a folder of another uid holds our title
      requireOurFolder(grafana.folder(uid).orElseThrow(() -> conflict), uid, name);
    }
    return uid;
  }

  private static void requireOurFolder(JsonNode folder, String uid, String name) {
    if (!name.equals(folder.path("title").asText())) {
      throw ProviderFailures.conflict(NAME, "folder " + uid + " (titled \"" + folder.path("title").asText() + "\")");
    }
  }

  /** Deletes the environment's folder once neither dashboards nor alert rules are left in it, ours or anyone's. */
  private void deleteFolderIfEmpty(String name) {
    String uid = GrafanaNames.folder(name);
    Optional<JsonNode> folder = grafana.folder(uid);
    if (folder.isEmpty() || !name.equals(folder.get().path("title").asText())) {
      return;
    }
    boolean rulesLeft = grafana.alertRules().stream().anyMatch(r -> uid.equals(r.path("folderUID").asText()));
    if (rulesLeft || !grafana.dashboardsIn(uid).isEmpty()) {
      log.info("Grafana folder {} still holds dashboards or alert rules; envflow leaves it", uid);
      return;
    }
    grafana.deleteFolder(uid);
  }

  static boolean isOurDashboard(JsonNode dashboard, String name) {
    List<String> tags = JSON.convertValue(dashboard.path("tags"), JSON.getTypeFactory()
        .constructCollectionType(List.class, String.class));
    return tags != null && tags.contains(GrafanaDashboards.TAG) && tags.contains(name);
  }

  /**
   * The uid of the Prometheus data source panels and rules query: the default one, else Grafana Cloud's
   * {@code grafanacloud-prom}, else one named {@code *-prom}, else the first by name.
   */
  private String prometheusDatasource() {
    List<JsonNode> prometheus = grafana.datasources().stream()
        .filter(d -> "prometheus".equals(d.path("type").asText()))
        .sorted(Comparator.comparing(d -> d.path("name").asText()))
        .toList();
    if (prometheus.isEmpty()) {
      throw ProviderFailures.nonRetryable(FailureType.PROVIDER_UNAVAILABLE, "grafana: " + publicUrl
          + " has no Prometheus data source for the dashboards and alert rules to query; add one first");
    }
    return prometheus.stream().filter(d -> d.path("isDefault").asBoolean()).findFirst()
        .or(() -> prometheus.stream().filter(d -> "grafanacloud-prom".equals(d.path("uid").asText())).findFirst())
        .or(() -> prometheus.stream().filter(d -> d.path("name").asText().endsWith("-prom")).findFirst())
        .orElse(prometheus.get(0))
        .path("uid").asText();
  }

  private void changePolicyTree(UnaryOperator<JsonNode> change, String name) {
    synchronized (POLICY_TREE) {
      JsonNode tree = grafana.policies();
      JsonNode changed = change.apply(tree);
      if (changed != tree) {
        grafana.updatePolicies(name, changed);
      }
    }
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
