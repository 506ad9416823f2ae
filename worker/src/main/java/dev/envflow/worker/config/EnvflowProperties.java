package dev.envflow.worker.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * envflow's settings ({@code envflow.*}, or environment variables such as {@code ENVFLOW_STATE_DIR}).
 *
 * @param taskQueue the Temporal task queue the worker polls and the API starts workflows on
 * @param stateDir where local providers and embedded services keep their files
 * @param databaseUrl envflow's own inventory database (JDBC URL with user and password); embedded when empty
 * @param postgres admin endpoint of the local PostgreSQL provider
 * @param redis admin endpoint of the local Redis provider
 * @param embedded ports of the embedded services started when nothing else is configured
 */
@ConfigurationProperties("envflow")
public record EnvflowProperties(
    String taskQueue,
    String stateDir,
    String databaseUrl,
    Endpoint postgres,
    Endpoint redis,
    Embedded embedded) {

  /** {@code adminUrl}: {@code postgresql://user:password@host:port/db} or {@code redis://user:password@host:port}. */
  public record Endpoint(String adminUrl) {}

  /**
   * {@code probeLocalhost}: use servers answering on localhost's standard ports before starting embedded ones.
   * {@code temporalPort} ({@code ENVFLOW_EMBEDDED_TEMPORAL_PORT}): when above 0, the embedded Temporal server
   * also listens on {@code 127.0.0.1} at that port.
   */
  public record Embedded(int postgresPort, int redisPort, boolean probeLocalhost, int temporalPort) {}
}
