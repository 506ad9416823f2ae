package dev.envflow.workflows.model;

/** The kinds of resource an environment is made of; the teardown dispatches on these. */
public enum ResourceKind {
  REDIS_USER,
  POSTGRES_DATABASE,
  CONTACT_POINTS,
  DASHBOARDS,
  ALERT_RULES,
  SECRETS
}
