package dev.envflow.worker.metrics;

import dev.envflow.workflows.spec.EnvironmentSpec;
import java.util.Locale;

/** Activity types as metric tags: {@code CreateRedisUser} → {@code create-redis-user}, and whose provider ran them. */
final class StepNames {

  private StepNames() {}

  static String of(String activityType) {
    return activityType.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  static String providerOf(String activityType, EnvironmentSpec spec) {
    String type = activityType.toLowerCase(Locale.ROOT);
    if (type.contains("redis")) {
      return spec.redis().provider();
    }
    if (type.contains("database") || type.contains("postgres")) {
      return spec.postgres().provider();
    }
    if (type.contains("contact") || type.contains("dashboard") || type.contains("alert") || type.contains("monitoring")
        || type.contains("metrics")) {
      return spec.monitoring().provider();
    }
    if (type.contains("secret") || type.contains("deploy")) {
      return spec.paas().provider();
    }
    return "envflow";
  }
}
