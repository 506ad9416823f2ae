package dev.envflow.activities.monitoring;

import dev.envflow.workflows.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.regex.Pattern;

/**
 * Checks on the spec values that end up in file paths, PromQL and provisioning files, so that no value can
 * escape the state directory, change a query's meaning or put a webhook URL in a file.
 */
public final class MonitoringInputs {

  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern METRIC_PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private MonitoringInputs() {}

  public static String environmentName(String name) {
    if (!isEnvironmentName(name)) {
      throw invalid("environment name \"" + name + "\" cannot be used as a directory name");
    }
    return name;
  }

  /** Whether {@code name} can be an environment's directory name. */
  public static boolean isEnvironmentName(String name) {
    return name != null && ENVIRONMENT_NAME.matcher(name).matches() && !name.contains("..");
  }

  public static String metricPrefix(String prefix) {
    if (prefix == null || !METRIC_PREFIX.matcher(prefix).matches()) {
      throw invalid("monitoring.metricPrefix: \"" + prefix + "\" is not a Prometheus metric name prefix");
    }
    return prefix;
  }

  /** The secret's name; its value (a webhook URL) must never be given here, so a non-name is not echoed. */
  public static String secretName(String secretName) {
    if (!ENVIRONMENT_VARIABLE.matcher(secretName).matches()) {
      throw invalid("monitoring.contacts.slackWebhookSecret must name an environment variable holding the "
          + "webhook URL, not hold the URL itself");
    }
    return secretName;
  }

  public static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_SPEC.name());
  }
}
