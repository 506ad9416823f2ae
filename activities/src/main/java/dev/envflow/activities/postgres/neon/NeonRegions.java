package dev.envflow.activities.postgres.neon;

/** The spec's region as a Neon {@code region_id}: {@code us-east-2} becomes {@code aws-us-east-2}. */
final class NeonRegions {

  private NeonRegions() {}

  /** A region already in Neon's form ({@code aws-...}, {@code azure-...}) is kept; Neon refuses ones it lacks. */
  static String regionId(String region) {
    return region.startsWith("aws-") || region.startsWith("azure-") ? region : "aws-" + region;
  }
}
