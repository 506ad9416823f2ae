package dev.envflow.activities.cloud;

import dev.envflow.workflows.model.FailureType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the spec's {@code region} into a cloud provider's region. The spec may name an AWS region
 * ({@code us-west-1}) or a Fly.io region code ({@code sjc}, as the seed's runbook does); {@code local}, the
 * spec's default, means "no preference" and becomes {@link #DEFAULT_AWS} / {@link #DEFAULT_FLY}. Fly codes map
 * to the nearest AWS region and back.
 */
public final class CloudRegions {

  public static final String DEFAULT_AWS = "us-east-1";
  public static final String DEFAULT_FLY = "iad";
  private static final String NO_PREFERENCE = "local";

  /** Fly.io region code → the nearest AWS region. */
  private static final Map<String, String> FLY_TO_AWS = Map.ofEntries(
      Map.entry("iad", "us-east-1"), Map.entry("ewr", "us-east-1"), Map.entry("bos", "us-east-1"),
      Map.entry("atl", "us-east-1"), Map.entry("mia", "us-east-1"),
      Map.entry("ord", "us-east-2"), Map.entry("dfw", "us-east-2"),
      Map.entry("sjc", "us-west-1"), Map.entry("lax", "us-west-1"),
      Map.entry("sea", "us-west-2"), Map.entry("den", "us-west-2"),
      Map.entry("yyz", "ca-central-1"), Map.entry("yul", "ca-central-1"),
      Map.entry("fra", "eu-central-1"), Map.entry("waw", "eu-central-1"), Map.entry("otp", "eu-central-1"),
      Map.entry("lhr", "eu-west-2"), Map.entry("ams", "eu-west-1"), Map.entry("cdg", "eu-west-1"),
      Map.entry("mad", "eu-west-1"), Map.entry("arn", "eu-central-1"),
      Map.entry("gru", "sa-east-1"), Map.entry("gig", "sa-east-1"), Map.entry("scl", "sa-east-1"),
      Map.entry("eze", "sa-east-1"), Map.entry("bog", "sa-east-1"), Map.entry("qro", "us-east-2"),
      Map.entry("bom", "ap-south-1"), Map.entry("nrt", "ap-northeast-1"), Map.entry("hkg", "ap-southeast-1"),
      Map.entry("sin", "ap-southeast-1"), Map.entry("syd", "ap-southeast-2"), Map.entry("jnb", "af-south-1"));

  /** AWS region → the Fly.io region code envflow uses for it. */
  private static final Map<String, String> AWS_TO_FLY = Map.ofEntries(
      Map.entry("us-east-1", "iad"), Map.entry("us-east-2", "ord"), Map.entry("us-west-1", "sjc"),
      Map.entry("us-west-2", "sea"), Map.entry("ca-central-1", "yyz"), Map.entry("eu-central-1", "fra"),
      Map.entry("eu-west-1", "ams"), Map.entry("eu-west-2", "lhr"), Map.entry("eu-west-3", "cdg"),
      Map.entry("eu-north-1", "arn"), Map.entry("sa-east-1", "gru"), Map.entry("ap-south-1", "bom"),
      Map.entry("ap-northeast-1", "nrt"), Map.entry("ap-southeast-1", "sin"), Map.entry("ap-southeast-2", "syd"),
      Map.entry("af-south-1", "jnb"));

  private CloudRegions() {}

  /**
   * The AWS region for the spec's region, chosen among {@code supported}; a region the provider does not offer
   * is a non-retryable INVALID_SPEC naming what it offers.
   *
   * @param provider for the message, e.g. {@code upstash}
   */
  public static String aws(String provider, String specRegion, Set<String> supported) {
    String region = normalized(specRegion);
    String aws = region.equals(NO_PREFERENCE) ? DEFAULT_AWS : FLY_TO_AWS.getOrDefault(region, region);
    if (!supported.contains(aws)) {
      throw ProviderFailures.nonRetryable(FailureType.INVALID_SPEC, provider + ": region " + specRegion
          + " is not one envflow can place there; use one of " + String.join(", ", new TreeSet<>(supported))
          + " or a Fly.io region code such as " + String.join(", ", new TreeSet<>(FLY_TO_AWS.keySet())));
    }
    return aws;
  }

  /** The Fly.io region code for the spec's region: a Fly code as given, an AWS region mapped to the nearest. */
  public static String fly(String provider, String specRegion) {
    String region = normalized(specRegion);
    if (region.equals(NO_PREFERENCE)) {
      return DEFAULT_FLY;
    }
    if (FLY_TO_AWS.containsKey(region)) {
      return region;
    }
    return Optional.ofNullable(AWS_TO_FLY.get(region)).orElseThrow(() -> ProviderFailures.nonRetryable(
        FailureType.INVALID_SPEC, provider + ": region " + specRegion + " is neither a Fly.io region code ("
            + String.join(", ", new TreeSet<>(FLY_TO_AWS.keySet())) + ") nor an AWS region envflow maps to one"));
  }

  private static String normalized(String region) {
    return region == null || region.isBlank() ? NO_PREFERENCE : region.trim().toLowerCase(Locale.ROOT);
  }
}
