package dev.envflow.activities.redis;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What an environment's Redis costs a month, in whole US dollars, by provider and plan, from the seed's cost
 * table ({@code infrastructure-setup.md}, "Cost Summary"): Upstash free tier $0 and about $10 a month past it
 * (pay-as-you-go, also through Fly), Redis Cloud 256 MB with HA about $20 and 1 GB with HA about $40, the free
 * tiers $0, the local server $0. Plans the seed does not price are unknown (empty), not guessed.
 */
public final class RedisPlans {

  private static final Map<String, Map<String, Integer>> MONTHLY_USD = Map.of(
      "upstash", Map.of("free", 0, "payg", 10),
      "fly-upstash", Map.of("free", 0, "payg", 10),
      "redis-cloud", Map.of("free", 0, "ha-256mb", 20, "ha-1gb", 40));

  private RedisPlans() {}

  /** The monthly estimate for {@code plan} at {@code provider}; empty when the seed's table does not price it. */
  public static OptionalInt monthlyUsd(String provider, String plan) {
    if ("local".equals(provider)) {
      return OptionalInt.of(0);
    }
    Map<String, Integer> plans = MONTHLY_USD.get(provider);
    String key = plan == null || plan.isBlank() ? "free" : plan.trim().toLowerCase(Locale.ROOT);
    if (plans == null || !plans.containsKey(key)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(plans.get(key));
  }
}
