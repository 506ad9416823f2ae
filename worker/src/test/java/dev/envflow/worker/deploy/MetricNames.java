package dev.envflow.worker.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, and whether envflow serves them on {@code /actuator/prometheus}:
 * its own meters (issue 9's contract) and the Temporal SDK's, whose names the SDK declares in its
 * {@code MetricsType} classes.
 */
final class MetricNames {

  /** envflow's meters as Prometheus names (Micrometer adds the unit and the timer / counter suffixes). */
  static final List<Pattern> ENVFLOW = List.of(
      Pattern.compile("envflow_environments"),
      Pattern.compile("envflow_approvals_pending"),
      Pattern.compile("envflow_provisioning_seconds_(count|sum|max|bucket)"),
      Pattern.compile("envflow_step_seconds_(count|sum|max|bucket)"),
      Pattern.compile("envflow_compensations_total"),
      Pattern.compile("envflow_provider_requests_seconds_(count|sum|max|bucket)"));

  private static final Pattern TEMPORAL_SUFFIX = Pattern.compile("_(total|seconds_(count|sum|max|bucket))$");
  private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "bool", "offset", "and", "or", "unless", "inf", "nan", "le");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private MetricNames() {}

  /** Metric names in {@code expr}: identifiers that are not functions, keywords, labels, strings or durations. */
  static Set<String> in(String expr) {
    String stripped = expr
        .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")            // strings
        .replaceAll("\\{[^}]*}", "")                               // label matchers
        .replaceAll("\\[[^]]*]", "")                               // ranges
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")  // label lists
        .replaceAll("\\$\\{?\\w+}?", "");                          // Grafana variables
    Set<String> names = new LinkedHashSet<>();
    Matcher m = IDENTIFIER.matcher(stripped);
    while (m.find()) {
      String word = m.group();
      boolean function = stripped.substring(m.end()).stripLeading().startsWith("(");
      boolean partOfNumber = m.start() > 0 && Character.isDigit(stripped.charAt(m.start() - 1));
      if (!function && !partOfNumber && !PROMQL_WORDS.contains(word.toLowerCase())) {
        names.add(word);
      }
    }
    return names;
  }

  static boolean isServedByEnvflow(String metric) {
    if (ENVFLOW.stream().anyMatch(p -> p.matcher(metric).matches())) {
      return true;
    }
    return metric.startsWith("temporal_") && temporalSdkMetrics().contains(TEMPORAL_SUFFIX.matcher(metric).replaceFirst(""));
  }

  /** Every metric name the Temporal SDK declares (worker, client and service-client metrics). */
  static Set<String> temporalSdkMetrics() {
    Set<String> names = new TreeSet<>();
    for (String type : List.of("io.temporal.worker.MetricsType", "io.temporal.serviceclient.MetricsType")) {
      try {
        for (Field field : Class.forName(type).getFields()) {
          if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
            names.add((String) field.get(null));
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read the Temporal SDK's metric names from " + type, e);
      }
    }
    return names;
  }
}
