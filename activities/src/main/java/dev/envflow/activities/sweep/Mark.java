package dev.envflow.activities.sweep;

/** How a provider's resource shows that envflow made it. */
public enum Mark {
  /**
   * A mark only envflow writes: the comment on a local PostgreSQL role or database, envflow's registry of Redis ACL
   * users, a file in envflow's state directory, an {@code envflow} tag or label. Enough to delete an orphan.
   */
  ENVFLOW,
  /**
   * Only the name, {@code {app}-{environment}} of an environment in the inventory. Anyone may have used that name, so
   * an orphan found this way is deleted only when the inventory recorded this very resource (its id, or a create
   * that never got to record the id and a resource made after it).
   */
  NAME
}
