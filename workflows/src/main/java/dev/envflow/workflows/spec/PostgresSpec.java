package dev.envflow.workflows.spec;

/**
 * An environment's PostgreSQL. {@code migrations} is a location Flyway understands, e.g.
 * {@code classpath:migrations/synckairos}.
 *
 * @param branch for {@code neon} only: the name of a branch (with its own read-write compute) that envflow creates
 *     from the project's default branch and that the environment uses — migrations, checks and the application's
 *     {@code DATABASE_URL}; null for the default branch
 */
public record PostgresSpec(String provider, String plan, int version, String pooling, String migrations, String branch) {

  /** A spec without a branch: the provider's default database. */
  public PostgresSpec(String provider, String plan, int version, String pooling, String migrations) {
    this(provider, plan, version, pooling, migrations, null);
  }
}
