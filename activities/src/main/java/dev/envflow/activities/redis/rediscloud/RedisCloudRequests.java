package dev.envflow.activities.redis.rediscloud;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The request bodies envflow sends to Redis Cloud, as the official Go client ({@code rediscloud-go-api}) names
 * their fields. Bodies that carry the database password redact it in {@code toString()}.
 */
final class RedisCloudRequests {

  static final String THROUGHPUT_BY = "operations-per-second";
  static final int THROUGHPUT_OPS = 1000;

  private RedisCloudRequests() {}

  /** {@code POST /fixed/subscriptions}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EssentialsSubscription(String name, long planId, Long paymentMethodId) {}

  /** {@code POST /subscriptions}: one region, a creation plan of one database (sizing only, per the reference). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ProSubscription(String name, boolean dryRun, Long paymentMethodId, String paymentMethod, String memoryStorage,
      List<CloudProvider> cloudProviders, List<PlannedDatabase> databases) {}

  record CloudProvider(String provider, List<Region> regions) {}

  record Region(String region, boolean multipleAvailabilityZones) {}

  record PlannedDatabase(String name, String protocol, double datasetSizeInGb, boolean supportOSSClusterApi,
      String dataPersistence, boolean replication, Throughput throughputMeasurement, int quantity) {}

  record Throughput(String by, int value) {}

  /** {@code POST /fixed/subscriptions/{id}/databases} ({@code CreateFixedDatabase}). */
  record EssentialsDatabase(String name, String protocol, String dataPersistence, String dataEvictionPolicy,
      boolean replication, boolean enableTls, String password) {
    @Override
    public String toString() {
      return "EssentialsDatabase[name=" + name + ", password=***]";
    }
  }

  /** {@code POST /subscriptions/{id}/databases} ({@code CreateDatabase}). */
  record ProDatabase(String name, String protocol, double datasetSizeInGb, String dataPersistence,
      String dataEvictionPolicy, boolean replication, Throughput throughputMeasurement, boolean enableTls,
      String password) {
    @Override
    public String toString() {
      return "ProDatabase[name=" + name + ", password=***]";
    }
  }

  static ProSubscription proSubscription(String name, RedisCloudPlan plan, String region, long paymentMethodId) {
    return new ProSubscription(name, false, paymentMethodId, "credit-card", "ram",
        List.of(new CloudProvider("AWS", List.of(new Region(region, plan.replication())))),
        List.of(new PlannedDatabase(name, "redis", plan.datasetSizeGigabytes(), false, "none", plan.replication(),
            new Throughput(THROUGHPUT_BY, THROUGHPUT_OPS), 1)));
  }

  static Object database(String name, RedisCloudPending pending) {
    RedisCloudPlan plan = pending.cloudPlan();
    if (plan.family() == RedisCloudFamily.ESSENTIALS) {
      return new EssentialsDatabase(name, "redis", "none", pending.evictionPolicy(), false, pending.tls(),
          pending.password());
    }
    return new ProDatabase(name, "redis", plan.datasetSizeGigabytes(), "none", pending.evictionPolicy(),
        plan.replication(), new Throughput(THROUGHPUT_BY, THROUGHPUT_OPS), pending.tls(), pending.password());
  }
}
