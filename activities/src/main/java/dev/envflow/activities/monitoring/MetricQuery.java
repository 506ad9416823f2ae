package dev.envflow.activities.monitoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A query of the seed's dashboards and alerts, written once and rendered as PromQL (for Grafana and the local
 * Prometheus rule file) and as a Datadog metric query, so that a panel or a threshold means the same everywhere.
 * Every query reads one environment's series only: those labelled (Datadog: tagged) {@code env:{app}-{environment}}.
 */
public sealed interface MetricQuery {

  /** The rate window of every counter and histogram query. */
  String RATE_WINDOW = "5m";

  String promQl();

  /** The Datadog metric query as a dashboard widget's {@code q}. */
  String datadog();

  /** The Datadog monitor form: {@code {aggregation}(last_{window}):{query}}, without the comparison. */
  String datadogMonitor(String window);

  /** The environment a query reads: {@code env="synckairos-staging"} / {@code env:synckairos-staging}. */
  record Scope(String label, String value) {

    String promQl(String... more) {
      StringBuilder matchers = new StringBuilder(label + "=\"" + value + "\"");
      for (String matcher : more) {
        matchers.append(',').append(matcher);
      }
      return "{" + matchers + "}";
    }

    String datadog(String more) {
      return "{" + label + ":" + value + (more == null ? "" : more) + "}";
    }
  }

  /** {@code histogram_quantile(0.95, ...)} of a histogram; Datadog reads it as a distribution ({@code p95:}). */
  record Quantile(String quantile, MetricName histogram, List<String> by, Scope scope) implements MetricQuery {

    @Override
    public String promQl() {
      String groups = by.isEmpty() ? "le" : "le, " + String.join(", ", by);
      return "histogram_quantile(" + quantile + ", sum by (" + groups + ") (rate(" + histogram.prometheus() + "_bucket"
          + scope.promQl() + "[" + RATE_WINDOW + "])))";
    }

    @Override
    public String datadog() {
      return percentile() + ":" + histogram.datadog() + scope.datadog(null) + groupBy(by);
    }

    @Override
    public String datadogMonitor(String window) {
      return "percentile(last_" + window + "):" + datadog();
    }

    private String percentile() {
      return "p" + new BigDecimal(quantile).movePointRight(2).stripTrailingZeros().toPlainString();
    }
  }

  /** A gauge's current value, summed over instances ({@code aggregation} null: each series on its own). */
  record Gauge(MetricName metric, String aggregation, Scope scope) implements MetricQuery {

    @Override
    public String promQl() {
      String series = metric.prometheus() + scope.promQl();
      return aggregation == null ? series : aggregation + "(" + series + ")";
    }

    @Override
    public String datadog() {
      return (aggregation == null ? "max" : aggregation) + ":" + metric.datadog() + scope.datadog(null);
    }

    /** Above the threshold for the whole window: its minimum over the window is. */
    @Override
    public String datadogMonitor(String window) {
      return "min(last_" + window + "):" + datadog();
    }
  }

  /**
   * Per-second rate of a counter ({@code {name}_total}; Datadog {@code {name}.count}), optionally only HTTP
   * status classes (e.g. {@code 5} for 5xx) and grouped by labels.
   */
  record Rate(MetricName counter, List<String> statusClasses, List<String> by, Scope scope) implements MetricQuery {

    public static final String STATUS_LABEL = "status_code";

    @Override
    public String promQl() {
      String selector = statusClasses.isEmpty() ? scope.promQl()
          : scope.promQl(STATUS_LABEL + "=~\"" + statusRegex() + "\"");
      String sum = by.isEmpty() ? "sum(" : "sum by (" + String.join(", ", by) + ") (";
      return sum + "rate(" + counter.prometheus() + "_total" + selector + "[" + RATE_WINDOW + "]))";
    }

    @Override
    public String datadog() {
      return datadog(".as_rate()");
    }

    @Override
    public String datadogMonitor(String window) {
      return "sum(last_" + window + "):" + datadog(".as_count()");
    }

    String datadog(String function) {
      return "sum:" + counter.datadog() + ".count" + datadogScope() + groupBy(by) + function;
    }

    private String statusRegex() {
      return statusClasses.size() == 1 ? statusClasses.get(0) + ".." : "[" + String.join("", statusClasses) + "]..";
    }

    private String datadogScope() {
      if (statusClasses.isEmpty()) {
        return scope.datadog(null);
      }
      if (statusClasses.size() == 1) {
        return scope.datadog("," + STATUS_LABEL + ":" + statusClasses.get(0) + "*");
      }
      String any = statusClasses.stream().map(c -> STATUS_LABEL + ":" + c + "*").collect(Collectors.joining(" OR "));
      return "{" + scope.label() + ":" + scope.value() + " AND (" + any + ")}";
    }
  }

  /** {@code numerator / denominator}: times 100 for a percentage ({@code scale} 100), as a ratio ({@code scale} 1). */
  record Ratio(Rate numerator, Rate denominator, int scale) implements MetricQuery {

    @Override
    public String promQl() {
      return (scale == 1 ? "" : scale + " * ") + numerator.promQl() + " / " + denominator.promQl();
    }

    @Override
    public String datadog() {
      return (scale == 1 ? "" : scale + " * ") + numerator.datadog(".as_count()") + " / "
          + denominator.datadog(".as_count()");
    }

    @Override
    public String datadogMonitor(String window) {
      return "sum(last_" + window + "):" + datadog();
    }
  }

  private static String groupBy(List<String> by) {
    return by.isEmpty() ? "" : " by {" + String.join(",", by) + "}";
  }
}
