package dev.envflow.activities.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.envflow.activities.monitoring.GrafanaContactPointFile.ContactPoint;
import dev.envflow.activities.monitoring.GrafanaContactPointFile.Receiver;
import dev.envflow.activities.monitoring.GrafanaDashboardProviderFile.Options;
import dev.envflow.activities.monitoring.GrafanaDashboardProviderFile.Provider;
import dev.envflow.activities.sweep.OrphanFinder;
import dev.envflow.workflows.model.Readiness;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.model.ResourceKind;
import dev.envflow.workflows.spec.ContactsSpec;
import dev.envflow.workflows.spec.EnvironmentSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code local} provider: monitoring as files under {@code {state}/monitoring/{app}-{environment}/} for the
 * docker-compose Grafana and Prometheus: Grafana alerting contact points, Grafana dashboards with their provider
 * file, and a Prometheus rule file. Every file is written atomically and re-running replaces it; no secret value is
 * ever written. The metrics check asks the Prometheus HTTP API at {@code ENVFLOW_PROMETHEUS_URL}.
 */
public class LocalMonitoringProvider implements MonitoringProvider {

  public static final String NAME = "local";

  static final String MONITORING_DIRECTORY = "monitoring";
  static final String CONTACT_POINTS_FILE = "contact-points.yaml";
  static final String DASHBOARDS_DIRECTORY = "dashboards";
  static final String DASHBOARD_PROVIDER_FILE = "dashboards.yaml";
  static final String ALERT_RULES_FILE = "alert-rules.yaml";

  private static final int GRAFANA_ORG = 1;

  private final Path stateDirectory;
  private final LocalMonitoringSettings settings;
  private final MetricsCheck metricsCheck;
  private final ObjectMapper json = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .build())
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /** Without a metrics source: a spec asking for a metrics check fails that step, naming ENVFLOW_PROMETHEUS_URL. */
  public LocalMonitoringProvider(Path stateDirectory) {
    this(stateDirectory, LocalMonitoringSettings.defaults());
  }

  public LocalMonitoringProvider(Path stateDirectory, LocalMonitoringSettings settings) {
    this(stateDirectory, settings,
        new MetricsCheck(MetricsCheck.unconfigured("a Prometheus HTTP API to query", PrometheusMetricsSource.URL)));
  }

  public LocalMonitoringProvider(Path stateDirectory, LocalMonitoringSettings settings, MetricsCheck metricsCheck) {
    this.stateDirectory = stateDirectory;
    this.settings = settings;
    this.metricsCheck = metricsCheck;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Resource createContactPoints(EnvironmentSpec spec) {
    String name = MonitoringInputs.environmentName(spec.name());
    List<Receiver> receivers = receivers(name, spec.monitoring().contacts());
    List<ContactPoint> contactPoints = receivers.isEmpty()
        ? List.of()
        : List.of(new ContactPoint(GRAFANA_ORG, name, receivers));
    Path file = environmentDirectory(name).resolve(CONTACT_POINTS_FILE);
    AtomicFiles.write(file, toYaml(new GrafanaContactPointFile(1, contactPoints)));
    return resource(ResourceKind.CONTACT_POINTS, spec, name, file);
  }

  @Override
  public Resource createDashboards(EnvironmentSpec spec) {
    String name = MonitoringInputs.environmentName(spec.name());
    String prefix = MonitoringInputs.metricPrefix(spec.monitoring().metricPrefix());
    Path directory = environmentDirectory(name).resolve(DASHBOARDS_DIRECTORY);
    for (GrafanaDashboards.Named named : GrafanaDashboards.of(new SeedMonitoring(name, prefix),
        settings.prometheusDatasourceUid())) {
      AtomicFiles.write(directory.resolve(named.key() + ".json"), toJson(named.dashboard()));
    }
    AtomicFiles.write(directory.resolve(DASHBOARD_PROVIDER_FILE), toYaml(dashboardProvider(name)));
    return resource(ResourceKind.DASHBOARDS, spec, name, directory);
  }

  @Override
  public Resource createAlertRules(EnvironmentSpec spec) {
    String name = MonitoringInputs.environmentName(spec.name());
    String prefix = MonitoringInputs.metricPrefix(spec.monitoring().metricPrefix());
    Path file = environmentDirectory(name).resolve(ALERT_RULES_FILE);
    List<SeedAlert> alerts = new SeedMonitoring(name, prefix).alerts(spec.monitoring().alerts());
    AtomicFiles.write(file, toYaml(PrometheusRules.of(name, alerts)));
    return resource(ResourceKind.ALERT_RULES, spec, name, file);
  }

  @Override
  public Readiness metricsFlowing(EnvironmentSpec spec, long waitingSinceMillis) {
    return metricsCheck.look(spec, waitingSinceMillis);
  }

  @Override
  public void delete(Resource resource) {
    String name = MonitoringInputs.environmentName(resource.name());
    Path directory = environmentDirectory(name);
    AtomicFiles.deleteRecursively(directory.resolve(fileOf(resource)));
    AtomicFiles.deleteIfEmpty(directory);
  }

  /** Looks for the environments' monitoring files in the state directory; see {@link LocalMonitoringOrphans}. */
  @Override
  public OrphanFinder orphanFinder() {
    return new LocalMonitoringOrphans(this, stateDirectory.resolve(MONITORING_DIRECTORY));
  }

  static String fileOf(Resource resource) {
    return switch (resource.resourceKind()) {
      case CONTACT_POINTS -> CONTACT_POINTS_FILE;
      case DASHBOARDS -> DASHBOARDS_DIRECTORY;
      case ALERT_RULES -> ALERT_RULES_FILE;
      default -> throw MonitoringInputs.invalid(
          resource.kind() + " " + resource.name() + " is not a monitoring resource");
    };
  }

  private List<Receiver> receivers(String name, ContactsSpec contacts) {
    List<Receiver> receivers = new ArrayList<>();
    if (contacts == null) {
      return receivers;
    }
    if (contacts.emails() != null && !contacts.emails().isEmpty()) {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("addresses", String.join(";", contacts.emails()));
      settings.put("singleEmail", false);
      receivers.add(new Receiver(name + "-email", "email", settings, false));
    }
    if (contacts.slackWebhookSecret() != null && !contacts.slackWebhookSecret().isBlank()) {
      String secretName = MonitoringInputs.secretName(contacts.slackWebhookSecret());
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("url", "$__env{" + secretName + "}");
      settings.put("title", "{{ .CommonLabels.alertname }} on " + name);
      receivers.add(new Receiver(name + "-slack", "slack", settings, false));
    }
    return receivers;
  }

  private GrafanaDashboardProviderFile dashboardProvider(String name) {
    String grafanaPath = settings.grafanaMountPath() + "/" + name + "/" + DASHBOARDS_DIRECTORY;
    return new GrafanaDashboardProviderFile(1, List.of(new Provider(name, GRAFANA_ORG, name, name, "file", false, 30,
        false, new Options(grafanaPath, false))));
  }

  private Resource resource(ResourceKind kind, EnvironmentSpec spec, String name, Path path) {
    String location = stateDirectory.relativize(path).toString();
    return new Resource(kind.name(), spec.monitoring().provider(), name, name, location);
  }

  private Path environmentDirectory(String name) {
    return stateDirectory.resolve(MONITORING_DIRECTORY).resolve(name);
  }

  private byte[] toYaml(Object document) {
    return write(yaml, document);
  }

  private byte[] toJson(Object document) {
    return write(json, document);
  }

  private static byte[] write(ObjectMapper mapper, Object document) {
    try {
      return mapper.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
    }
  }
}
