package dev.envflow.activities.redis.rediscloud;

import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.workflows.model.FailureType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spec's {@code redis.plan} for Redis Cloud:
 * <ul>
 *   <li>{@code free} — Essentials, the account's free plan (30 MB, no replication);</li>
 *   <li>{@code essentials-<size>} (e.g. {@code essentials-250mb}, {@code essentials-1gb}) — the Essentials
 *       plan of that size in the region, no replication;</li>
 *   <li>{@code pro-<size>} (e.g. {@code pro-256mb}) — a Pro subscription with one database of that dataset
 *       size, no replication;</li>
 *   <li>{@code ha-<size>} (e.g. {@code ha-256mb}, {@code ha-1gb}) — Pro with replication and multiple
 *       availability zones: the seed's "production grade" Redis Cloud with HA.</li>
 * </ul>
 *
 * @param sizeMegabytes the dataset size; 0 for {@code free}
 */
record RedisCloudPlan(String name, RedisCloudFamily family, boolean free, int sizeMegabytes, boolean replication) {

  private static final Pattern SIZED = Pattern.compile("(essentials|pro|ha)-(\\d+)(mb|gb)");

  static RedisCloudPlan parse(String plan) {
    String name = plan == null || plan.isBlank() ? "free" : plan.trim().toLowerCase(Locale.ROOT);
    if (name.equals("free")) {
      return new RedisCloudPlan(name, RedisCloudFamily.ESSENTIALS, true, 0, false);
    }
    Matcher sized = SIZED.matcher(name);
    if (!sized.matches() || Integer.parseInt(sized.group(2)) == 0) {
      throw ProviderFailures.nonRetryable(FailureType.INVALID_SPEC, RedisCloudProvider.NAME + ": plan " + plan
          + " is not one envflow knows; use free, essentials-<size>, pro-<size> or ha-<size> (size like 250mb, 1gb)");
    }
    int megabytes = Integer.parseInt(sized.group(2)) * (sized.group(3).equals("gb") ? 1024 : 1);
    return switch (sized.group(1)) {
      case "essentials" -> new RedisCloudPlan(name, RedisCloudFamily.ESSENTIALS, false, megabytes, false);
      case "pro" -> new RedisCloudPlan(name, RedisCloudFamily.PRO, false, megabytes, false);
      default -> new RedisCloudPlan(name, RedisCloudFamily.PRO, false, megabytes, true);
    };
  }

  /** The dataset size in GB, as Pro's {@code datasetSizeInGb} wants it. */
  double datasetSizeGigabytes() {
    return Math.round(sizeMegabytes / 1024.0 * 1000) / 1000.0;
  }

  /** True when an Essentials plan of {@code size} {@code unit} ({@code MB} / {@code GB}) is this plan's size. */
  boolean matchesSize(int size, String unit) {
    int megabytes = "GB".equalsIgnoreCase(unit) ? size * 1024 : size;
    return megabytes == sizeMegabytes;
  }
}
