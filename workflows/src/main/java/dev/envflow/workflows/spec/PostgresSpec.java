package dev.envflow.workflows.spec;

/** {@code migrations} is a location Flyway understands, e.g. {@code classpath:migrations/synckairos}. */
public record PostgresSpec(String provider, String plan, int version, String pooling, String migrations) {}
