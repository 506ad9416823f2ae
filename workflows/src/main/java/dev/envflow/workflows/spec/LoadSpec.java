package dev.envflow.workflows.spec;

/**
 * The bounded load step: {@code rate} GET requests per second to {@code path} for {@code duration}, then the
 * step fails when the 95th percentile latency exceeds {@code p95Ms} or the share of failed requests exceeds
 * {@code errorRate}.
 *
 * @param path e.g. {@code /health}
 * @param rate requests started per second
 * @param duration ISO-8601, e.g. {@code PT30S}; the load stops there, whatever is still in flight
 * @param p95Ms the highest acceptable 95th percentile latency, in milliseconds
 * @param errorRate the highest acceptable share of failed requests, e.g. {@code 0.01} for 1%
 */
public record LoadSpec(String path, int rate, String duration, int p95Ms, double errorRate) {

  public static final LoadSpec DEFAULT = new LoadSpec("/health", 20, "PT30S", 200, 0.01);
}
