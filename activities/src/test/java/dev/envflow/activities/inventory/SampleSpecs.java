package dev.envflow.activities.inventory;

import dev.envflow.workflows.spec.AlertsSpec;
import dev.envflow.workflows.spec.ApprovalSpec;
import dev.envflow.workflows.spec.ContactsSpec;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.MonitoringSpec;
import dev.envflow.workflows.spec.PaasSpec;
import dev.envflow.workflows.spec.PostgresSpec;
import dev.envflow.workflows.spec.RedisSpec;
import dev.envflow.workflows.spec.SmokeSpec;
import java.util.List;

/** Specs for tests of the ops activities: the seed's synckairos environment on local providers. */
public final class SampleSpecs {

  private SampleSpecs() {}

  public static EnvironmentSpec local(String environment) {
    return new EnvironmentSpec("synckairos", environment, EnvironmentSpec.NON_PRODUCTION_TIER, "local",
        "dev@example.com",
        new RedisSpec("local", "free", "allkeys-lru", false),
        new PostgresSpec("local", "free", 16, "transaction", "classpath:migrations/synckairos"),
        monitoring("synckairos", new ContactsSpec(List.of("alerts@example.com", "oncall@example.com"),
            "SLACK_WEBHOOK_URL")),
        new PaasSpec("local", "synckairos-" + environment, null, null),
        new SmokeSpec(null, "synckairos"),
        new ApprovalSpec(false, List.of(), "PT72H"));
  }

  public static EnvironmentSpec withMonitoring(EnvironmentSpec spec, MonitoringSpec monitoring) {
    return new EnvironmentSpec(spec.app(), spec.environment(), spec.tier(), spec.region(), spec.requestedBy(),
        spec.redis(), spec.postgres(), monitoring, spec.paas(), spec.smoke(), spec.approval());
  }

  public static EnvironmentSpec withPaas(EnvironmentSpec spec, PaasSpec paas) {
    return new EnvironmentSpec(spec.app(), spec.environment(), spec.tier(), spec.region(), spec.requestedBy(),
        spec.redis(), spec.postgres(), spec.monitoring(), paas, spec.smoke(), spec.approval());
  }

  public static EnvironmentSpec withSmoke(EnvironmentSpec spec, SmokeSpec smoke) {
    return new EnvironmentSpec(spec.app(), spec.environment(), spec.tier(), spec.region(), spec.requestedBy(),
        spec.redis(), spec.postgres(), spec.monitoring(), spec.paas(), smoke, spec.approval());
  }

  public static EnvironmentSpec withProviders(
      EnvironmentSpec spec, String redis, String postgres, String monitoring, String paas) {
    return new EnvironmentSpec(spec.app(), spec.environment(), spec.tier(), spec.region(), spec.requestedBy(),
        new RedisSpec(redis, spec.redis().plan(), spec.redis().evictionPolicy(), spec.redis().tls()),
        new PostgresSpec(postgres, spec.postgres().plan(), spec.postgres().version(), spec.postgres().pooling(),
            spec.postgres().migrations()),
        new MonitoringSpec(monitoring, spec.monitoring().metricPrefix(), spec.monitoring().alerts(),
            spec.monitoring().contacts()),
        new PaasSpec(paas, spec.paas().app(), spec.paas().image(), spec.paas().deployCommand()),
        spec.smoke(), spec.approval());
  }

  public static MonitoringSpec monitoring(String metricPrefix, ContactsSpec contacts) {
    return new MonitoringSpec("local", metricPrefix, new AlertsSpec(50, 0.01, 1000), contacts);
  }
}
