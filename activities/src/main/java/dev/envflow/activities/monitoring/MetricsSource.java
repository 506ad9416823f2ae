package dev.envflow.activities.monitoring;

/** Where the metrics check looks for an environment's samples: a Prometheus HTTP API, or Datadog. */
public interface MetricsSource {

  /** The query that finds the environment's samples of {@code metric}, as {@link #hasSamples} runs it. */
  String query(String environmentName, String metricPrefix, String metric);

  /** True when the backend holds a recent sample for {@code query}; a backend that does not answer fails, retryably. */
  boolean hasSamples(String query);

  /** Where it looks, for messages, without credentials: {@code Prometheus https://prometheus.example.com}. */
  String where();
}
