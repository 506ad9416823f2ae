package dev.envflow.workflows;

import dev.envflow.workflows.activities.InventoryActivities;
import dev.envflow.workflows.activities.MonitoringActivities;
import dev.envflow.workflows.activities.NotificationActivities;
import dev.envflow.workflows.activities.PaasActivities;
import dev.envflow.workflows.activities.PostgresActivities;
import dev.envflow.workflows.activities.PreflightActivities;
import dev.envflow.workflows.activities.RedisActivities;
import dev.envflow.workflows.activities.SmokeTestActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Activity stubs, one per interface and profile: creates, checks and deletes retry differently. Each is made on its
 * first call: an SDK stub copies its interface's methods and metadata (about half a kilobyte per method), and a
 * workflow waiting for its approval has not yet needed the deploy, smoke, load or delete stubs — nor, unless it rolls
 * back, ever will. Making a stub sends no command, so when it is made changes nothing in the history.
 */
final class ProvisioningStubs {

  final PreflightActivities preflight = stub(PreflightActivities.class, ActivityProfiles.CHECK);
  final InventoryActivities inventory = stub(InventoryActivities.class, ActivityProfiles.INVENTORY);
  /** The same bookkeeping as local activities: run by the worker that runs the workflow, no task queue round trip. */
  final InventoryActivities inventoryLocal = Workflow.newLocalActivityStub(InventoryActivities.class,
      ActivityProfiles.INVENTORY_LOCAL);
  final NotificationActivities notify = stub(NotificationActivities.class, ActivityProfiles.NOTIFY);
  /** Preflight and notifications as local activities: they need no other machine than the one running the workflow. */
  final PreflightActivities preflightLocal = Workflow.newLocalActivityStub(PreflightActivities.class,
      ActivityProfiles.PREFLIGHT_LOCAL);
  final NotificationActivities notifyLocal = Workflow.newLocalActivityStub(NotificationActivities.class,
      ActivityProfiles.NOTIFY_LOCAL);
  final RedisActivities redis = stub(RedisActivities.class, ActivityProfiles.CREATE);
  final RedisActivities redisCheck = stub(RedisActivities.class, ActivityProfiles.CHECK);
  final RedisActivities redisReadiness = stub(RedisActivities.class, ActivityProfiles.READINESS);
  final RedisActivities redisDelete = stub(RedisActivities.class, ActivityProfiles.COMPENSATE);
  final PostgresActivities postgres = stub(PostgresActivities.class, ActivityProfiles.CREATE);
  final PostgresActivities postgresMigrate = stub(PostgresActivities.class, ActivityProfiles.MIGRATE);
  final PostgresActivities postgresCheck = stub(PostgresActivities.class, ActivityProfiles.CHECK);
  final PostgresActivities postgresReadiness = stub(PostgresActivities.class, ActivityProfiles.READINESS);
  final PostgresActivities postgresDelete = stub(PostgresActivities.class, ActivityProfiles.COMPENSATE);
  final MonitoringActivities monitoring = stub(MonitoringActivities.class, ActivityProfiles.CREATE);
  final MonitoringActivities monitoringDelete = stub(MonitoringActivities.class, ActivityProfiles.COMPENSATE);
  final MonitoringActivities metrics = stub(MonitoringActivities.class, ActivityProfiles.READINESS);
  final PaasActivities paas = stub(PaasActivities.class, ActivityProfiles.CREATE);
  final PaasActivities paasDeploy = stub(PaasActivities.class, ActivityProfiles.DEPLOY);
  final PaasActivities paasDelete = stub(PaasActivities.class, ActivityProfiles.COMPENSATE);
  final PaasActivities paasUndeploy = stub(PaasActivities.class, ActivityProfiles.UNDO_DEPLOY);
  final SmokeTestActivities smoke = stub(SmokeTestActivities.class, ActivityProfiles.CHECK);
  final SmokeTestActivities smokeSuite = stub(SmokeTestActivities.class, ActivityProfiles.SMOKE);
  final SmokeTestActivities load = stub(SmokeTestActivities.class, ActivityProfiles.LOAD);

  private static <T> T stub(Class<T> type, ActivityOptions options) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new LazyStub<>(type, options)));
  }

  /** Calls the SDK stub for {@code type}, made on the first call. */
  private static final class LazyStub<T> implements InvocationHandler {

    private final Class<T> type;
    private final ActivityOptions options;
    private T stub;

    LazyStub(Class<T> type, ActivityOptions options) {
      this.type = type;
      this.options = options;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "lazy " + type.getSimpleName() + " stub";
        };
      }
      if (stub == null) {
        stub = Workflow.newActivityStub(type, options);
      }
      try {
        return method.invoke(stub, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
