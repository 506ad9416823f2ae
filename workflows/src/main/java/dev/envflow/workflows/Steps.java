package dev.envflow.workflows;

import java.util.List;

/** The names of the provisioning steps, as the {@code status} query and the progress display show them. */
final class Steps {

  static final String VALIDATE = "validate";
  static final String PREFLIGHT = "preflight";
  static final String REDIS_CREATE = "redis.create";
  static final String REDIS_READY = "redis.ready";
  static final String REDIS_VALIDATE = "redis.validate";
  static final String POSTGRES_CREATE = "postgres.create";
  static final String POSTGRES_READY = "postgres.ready";
  static final String POSTGRES_MIGRATE = "postgres.migrate";
  static final String POSTGRES_VALIDATE = "postgres.validate";
  static final String CONTACT_POINTS = "monitoring.contact-points";
  static final String DASHBOARDS = "monitoring.dashboards";
  static final String ALERTS = "monitoring.alerts";
  static final String SECRETS = "secrets";
  static final String APPROVAL = "approval";
  static final String DEPLOY = "deploy";
  static final String SMOKE = "smoke";
  static final String LOAD = "load";
  static final String METRICS = "metrics";

  static final List<String> ALL = List.of(
      VALIDATE, PREFLIGHT, REDIS_CREATE, REDIS_READY, REDIS_VALIDATE, POSTGRES_CREATE, POSTGRES_READY, POSTGRES_MIGRATE, POSTGRES_VALIDATE,
      CONTACT_POINTS, DASHBOARDS, ALERTS, APPROVAL, SECRETS, DEPLOY, SMOKE, LOAD, METRICS);

  private Steps() {}
}
