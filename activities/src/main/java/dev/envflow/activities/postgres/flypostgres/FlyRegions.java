package dev.envflow.activities.postgres.flypostgres;

import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.workflows.model.FailureType;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The spec's region as a Fly region code. A three-letter code ({@code iad}, {@code sjc}) is used as it is; an AWS
 * region code, as the other providers take, becomes the Fly region nearest to it. Fly answers which regions have
 * Managed Postgres; a region without it is refused by Fly with its own message.
 */
final class FlyRegions {

  private static final Pattern FLY_CODE = Pattern.compile("[a-z]{3}");
  private static final Map<String, String> NEAREST = Map.ofEntries(
      Map.entry("us-east-1", "iad"), Map.entry("us-east-2", "ord"), Map.entry("us-west-1", "sjc"),
      Map.entry("us-west-2", "sea"), Map.entry("ca-central-1", "yyz"), Map.entry("sa-east-1", "gru"),
      Map.entry("eu-west-1", "lhr"), Map.entry("eu-west-2", "lhr"), Map.entry("eu-west-3", "cdg"),
      Map.entry("eu-central-1", "fra"), Map.entry("eu-north-1", "arn"), Map.entry("ap-south-1", "bom"),
      Map.entry("ap-southeast-1", "sin"), Map.entry("ap-southeast-2", "syd"), Map.entry("ap-northeast-1", "nrt"));

  private FlyRegions() {}

  static String code(String region) {
    if (FLY_CODE.matcher(region).matches()) {
      return region;
    }
    String nearest = NEAREST.get(region.startsWith("aws-") ? region.substring("aws-".length()) : region);
    if (nearest == null) {
      throw ProviderFailures.nonRetryable(FailureType.INVALID_SPEC, "region: fly-postgres has no region \"" + region
          + "\"; use a Fly region code such as iad, ord, sjc, lhr, fra, sin or syd");
    }
    return nearest;
  }
}
