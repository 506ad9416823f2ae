package dev.envflow.workflows.spec;

/**
 * Where the application runs. For the {@code local} provider, {@code deployCommand} (optional) is run with
 * the environment's secrets in its environment.
 */
public record PaasSpec(String provider, String app, String image, String deployCommand) {}
