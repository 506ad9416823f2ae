package dev.envflow.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What {@link FakeRedisCloudApi} accepts in a request body, from the official Go client's models
 * ({@code CreateSubscription}, {@code FixedSubscription}, {@code CreateDatabase}, {@code CreateFixedDatabase}):
 * the fields they define (anything else is refused, so a typo fails a test), the required ones and the enums.
 * Each method answers the problem in words, or null when the body is acceptable.
 */
final class FakeRedisCloudRules {

  private static final Set<String> ESSENTIALS_SUBSCRIPTION = Set.of("name", "planId", "paymentMethodId", "paymentMethod");
  private static final Set<String> PRO_SUBSCRIPTION = Set.of("name", "deploymentType", "dryRun", "paymentMethodId",
      "paymentMethod", "memoryStorage", "cloudProviders", "databases", "redisVersion");
  private static final Set<String> PLANNED_DATABASE = Set.of("name", "protocol", "memoryLimitInGb", "datasetSizeInGb",
      "supportOSSClusterApi", "dataPersistence", "replication", "throughputMeasurement", "localThroughputMeasurement",
      "modules", "quantity", "averageItemSizeInBytes", "queryPerformanceFactor");
  private static final Set<String> PRO_DATABASE = Set.of("dryRun", "name", "protocol", "memoryLimitInGb",
      "datasetSizeInGb", "supportOSSClusterApi", "respVersion", "useExternalEndpointForOSSClusterApi",
      "dataPersistence", "dataEvictionPolicy", "replication", "throughputMeasurement", "averageItemSizeInBytes",
      "ramPercentage", "replicaOf", "periodicBackupPath", "sourceIp", "clientSslCertificate", "clientTlsCertificates",
      "password", "alerts", "modules", "enableTls", "port", "remoteBackup", "queryPerformanceFactor", "redisVersion",
      "autoMinorVersionUpgrade");
  private static final Set<String> ESSENTIALS_DATABASE = Set.of("name", "protocol", "memoryLimitInGb",
      "supportOSSClusterApi", "respVersion", "useExternalEndpointForOSSClusterApi", "enableDatabaseClustering",
      "dataPersistence", "dataEvictionPolicy", "replication", "periodicBackupPath", "sourceIps", "regexRules",
      "replica", "clientTlsCertificates", "enableTls", "password", "alerts", "modules");
  private static final Set<String> EVICTION = Set.of("allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru",
      "volatile-lfu", "volatile-random", "volatile-ttl", "noeviction");
  private static final Set<String> PERSISTENCE = Set.of("none", "aof-every-1-second", "aof-every-write",
      "snapshot-every-1-hour", "snapshot-every-6-hours", "snapshot-every-12-hours");

  private FakeRedisCloudRules() {}

  static String essentialsSubscription(JsonNode body, JsonNode plans, Predicate<JsonNode> knownPaymentMethod) {
    String unknown = unknownField(body, ESSENTIALS_SUBSCRIPTION);
    if (unknown != null) {
      return unknown;
    }
    if (!body.path("name").isTextual() || body.get("name").asText().isBlank()) {
      return "name is required";
    }
    JsonNode plan = null;
    for (JsonNode candidate : plans) {
      if (candidate.get("id").asLong() == body.path("planId").asLong(-1)) {
        plan = candidate;
      }
    }
    if (plan == null) {
      return "planId " + body.path("planId") + " is not a plan of this account";
    }
    if (plan.get("price").asInt() > 0 && !knownPaymentMethod.test(body)) {
      return "paymentMethodId is required for a paid plan and must be one of the account's payment methods";
    }
    return null;
  }

  static String proSubscription(JsonNode body, Predicate<JsonNode> knownPaymentMethod) {
    String unknown = unknownField(body, PRO_SUBSCRIPTION);
    if (unknown != null) {
      return unknown;
    }
    if (!body.path("name").isTextual() || body.get("name").asText().isBlank()) {
      return "name is required";
    }
    if (!"marketplace".equals(body.path("paymentMethod").asText()) && !knownPaymentMethod.test(body)) {
      return "paymentMethodId is required and must be one of the account's payment methods";
    }
    if (body.has("memoryStorage") && !Set.of("ram", "ram-and-flash").contains(body.get("memoryStorage").asText())) {
      return "memoryStorage must be ram or ram-and-flash";
    }
    JsonNode providers = body.path("cloudProviders");
    if (!providers.isArray() || providers.isEmpty()) {
      return "cloudProviders is required";
    }
    for (JsonNode provider : providers) {
      if (!Set.of("AWS", "GCP").contains(provider.path("provider").asText("AWS"))) {
        return "cloudProviders[].provider must be AWS or GCP";
      }
      if (!provider.path("regions").isArray() || provider.path("regions").isEmpty()
          || !provider.path("regions").get(0).path("region").isTextual()) {
        return "cloudProviders[].regions[].region is required";
      }
    }
    JsonNode databases = body.path("databases");
    if (!databases.isArray() || databases.isEmpty()) {
      return "databases (the creation plan) is required";
    }
    for (JsonNode database : databases) {
      String problem = unknownField(database, PLANNED_DATABASE);
      if (problem == null) {
        problem = sizeAndThroughputProblem(database);
      }
      if (problem == null && database.path("quantity").asInt(1) < 1) {
        problem = "databases[].quantity must be at least 1";
      }
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  static String database(boolean essentials, JsonNode body) {
    String unknown = unknownField(body, essentials ? ESSENTIALS_DATABASE : PRO_DATABASE);
    if (unknown != null) {
      return unknown;
    }
    if (!body.path("name").isTextual() || body.get("name").asText().isBlank()) {
      return "name is required";
    }
    if (body.has("protocol") && !Set.of("redis", "memcached", "stack").contains(body.get("protocol").asText())) {
      return "protocol is not valid";
    }
    if (body.has("dataEvictionPolicy") && !EVICTION.contains(body.get("dataEvictionPolicy").asText())) {
      return "dataEvictionPolicy is not valid: " + body.get("dataEvictionPolicy").asText();
    }
    if (body.has("dataPersistence") && !PERSISTENCE.contains(body.get("dataPersistence").asText())) {
      return "dataPersistence is not valid";
    }
    for (String flag : List.of("replication", "enableTls")) {
      if (body.has(flag) && !body.get(flag).isBoolean()) {
        return flag + " must be a boolean";
      }
    }
    if (body.has("password") && (!body.get("password").isTextual() || body.get("password").asText().length() < 8)) {
      return "password must be a string of at least 8 characters";
    }
    return essentials ? null : sizeAndThroughputProblem(body);
  }

  private static String sizeAndThroughputProblem(JsonNode database) {
    if (database.path("datasetSizeInGb").asDouble(0) <= 0 && database.path("memoryLimitInGb").asDouble(0) <= 0) {
      return "datasetSizeInGb (or memoryLimitInGb) must be positive";
    }
    JsonNode throughput = database.path("throughputMeasurement");
    if (!Set.of("operations-per-second", "number-of-shards").contains(throughput.path("by").asText())
        || throughput.path("value").asInt(0) <= 0) {
      return "throughputMeasurement needs by (operations-per-second or number-of-shards) and a positive value";
    }
    return null;
  }

  private static String unknownField(JsonNode body, Set<String> allowed) {
    if (body == null || !body.isObject()) {
      return "request body must be a JSON object";
    }
    for (var names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!allowed.contains(field)) {
        return "unknown field: " + field;
      }
    }
    return null;
  }
}
