package dev.envflow.activities.redis.rediscloud;

/**
 * Redis Cloud's two product families, with the API paths of each: Essentials ("fixed" plans, {@code /fixed/...})
 * and Pro ("flexible", {@code /subscriptions}).
 */
enum RedisCloudFamily {
  ESSENTIALS("essentials", "Essentials", "/fixed/subscriptions"),
  PRO("pro", "Pro", "/subscriptions");

  private final String id;
  private final String label;
  private final String subscriptions;

  RedisCloudFamily(String id, String label, String subscriptions) {
    this.id = id;
    this.label = label;
    this.subscriptions = subscriptions;
  }

  /** The prefix of envflow's external ids, e.g. {@code essentials}. */
  String id() {
    return id;
  }

  String label() {
    return label;
  }

  String subscriptionsPath() {
    return subscriptions;
  }

  String subscriptionPath(long subscriptionId) {
    return subscriptions + "/" + subscriptionId;
  }

  String databasesPath(long subscriptionId) {
    return subscriptionPath(subscriptionId) + "/databases";
  }

  String databasePath(long subscriptionId, long databaseId) {
    return databasesPath(subscriptionId) + "/" + databaseId;
  }

  static RedisCloudFamily fromId(String id) {
    for (RedisCloudFamily family : values()) {
      if (family.id.equals(id)) {
        return family;
      }
    }
    throw new IllegalArgumentException("not a Redis Cloud family: " + id);
  }
}
