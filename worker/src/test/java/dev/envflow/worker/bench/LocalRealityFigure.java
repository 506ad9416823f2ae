package dev.envflow.worker.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.worker.StandaloneEnvflow;
import dev.envflow.workflows.activities.MonitoringActivities;
import dev.envflow.workflows.activities.PaasActivities;
import dev.envflow.workflows.activities.PostgresActivities;
import dev.envflow.workflows.activities.RedisActivities;
import dev.envflow.workflows.model.Resource;
import dev.envflow.workflows.spec.EnvironmentSpec;
import dev.envflow.workflows.spec.SpecParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Figure 2: examples/synckairos-local.json with the real local providers (role, database, migrations, Redis user,
 * validation, files, deploy command) through the workflow, against the same steps called directly on the same
 * activity objects in this JVM without Temporal — the three branches concurrently too, then secrets and deploy —
 * alternating, in the same run. The ratio is what Temporal and envflow's bookkeeping (preflight, inventory) add:
 * target at most 1.3.
 */
final class LocalRealityFigure {

  static final double TARGET = 1.3;

  private LocalRealityFigure() {}

  static BenchReport.Row run(StandaloneEnvflow app, int warmup, int runs) throws Exception {
    List<Double> workflow = new ArrayList<>();
    List<Double> direct = new ArrayList<>();
    ExecutorService branches = Executors.newFixedThreadPool(3);
    try {
      for (int i = 0; i < warmup + runs; i++) {
        ObjectNode spec = BenchSpecs.local("rw" + i);
        double viaWorkflow = Runs.provisionMillis(app.client(), spec);
        Runs.tearDown(app.client(), "env-synckairos-rw" + i);
        double called = direct(app, SpecParser.parse(BenchSpecs.local("rd" + i)).spec(), branches);
        if (i >= warmup) {
          workflow.add(viaWorkflow);
          direct.add(called);
        }
      }
    } finally {
      branches.shutdownNow();
    }
    Stats viaWorkflow = new Stats(workflow);
    Stats called = new Stats(direct);
    double ratio = viaWorkflow.p50() / called.p50();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("runs", runs);
    details.put("workflowP50Ms", BenchReport.round(viaWorkflow.p50()));
    details.put("workflowMaxMs", BenchReport.round(viaWorkflow.max()));
    details.put("directP50Ms", BenchReport.round(called.p50()));
    details.put("directMaxMs", BenchReport.round(called.max()));
    details.put("ratioP50", BenchReport.round(ratio));
    details.put("differenceP50Ms", BenchReport.round(viaWorkflow.p50() - called.p50()));
    details.put("workflowMs", workflow.stream().map(BenchReport::round).toList());
    details.put("directMs", direct.stream().map(BenchReport::round).toList());
    return new BenchReport.Row("2 local reality (workflow / direct calls)",
        String.format(java.util.Locale.ROOT, "%.2f (%s through the workflow, %s direct; p50)", ratio,
            BenchReport.ms(viaWorkflow.p50()), BenchReport.ms(called.p50())),
        "<= " + TARGET, ratio <= TARGET, details);
  }

  /** The provisioning steps in the workflow's order, without Temporal; then everything deleted (not timed). */
  private static double direct(StandaloneEnvflow app, EnvironmentSpec spec, ExecutorService branches) throws Exception {
    RedisActivities redis = app.bean(RedisActivities.class);
    PostgresActivities postgres = app.bean(PostgresActivities.class);
    MonitoringActivities monitoring = app.bean(MonitoringActivities.class);
    PaasActivities paas = app.bean(PaasActivities.class);
    String migrations = spec.postgres().migrations();
    long started = System.nanoTime();
    CompletableFuture<Resource> user = CompletableFuture.supplyAsync(() -> {
      Resource created = redis.createRedisUser(spec);
      redis.redisReadiness(created, System.currentTimeMillis());
      redis.validateRedis(created);
      return created;
    }, branches);
    CompletableFuture<Resource> database = CompletableFuture.supplyAsync(() -> {
      Resource created = postgres.createDatabase(spec);
      postgres.postgresReadiness(created, System.currentTimeMillis());
      postgres.migrateDatabase(created, migrations);
      postgres.validateDatabase(created, migrations);
      return created;
    }, branches);
    CompletableFuture<List<Resource>> dashboards = CompletableFuture.supplyAsync(() -> List.of(
        monitoring.createContactPoints(spec), monitoring.createDashboards(spec), monitoring.createAlertRules(spec)),
        branches);
    CompletableFuture.allOf(user, database, dashboards).get();
    Resource secrets = paas.setSecrets(spec, List.of(user.get(), database.get()));
    paas.deploy(spec, secrets);
    double millis = (System.nanoTime() - started) / 1e6;
    paas.deleteSecrets(secrets);
    List<Resource> made = new ArrayList<>(dashboards.get());
    java.util.Collections.reverse(made);
    made.forEach(monitoring::deleteMonitoringResource);
    postgres.deleteDatabase(database.get());
    redis.deleteRedisUser(user.get());
    return millis;
  }
}
