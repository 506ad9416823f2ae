package dev.envflow.activities.postgres.supabase;

import dev.envflow.activities.cloud.ProviderFailures;
import dev.envflow.workflows.model.FailureType;
import java.util.Set;
import java.util.regex.Pattern;

/** The spec's region as Supabase's {@code region_selection} code. */
final class SupabaseRegions {

  private static final Set<String> SMART_GROUPS = Set.of("americas", "emea", "apac");
  private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}-[a-z]+-\\d");

  private SupabaseRegions() {}

  /** {@code us-east-1} (or {@code aws-us-east-1}) as a specific region; {@code americas|emea|apac} as a smart group. */
  static String code(String region) {
    String code = region.startsWith("aws-") ? region.substring("aws-".length()) : region;
    if (SMART_GROUPS.contains(code) || AWS_REGION.matcher(code).matches()) {
      return code;
    }
    throw ProviderFailures.nonRetryable(FailureType.INVALID_SPEC, "region: supabase has no region \"" + region
        + "\"; use an AWS region code such as us-east-1 or eu-central-1, or a smart group: americas, emea, apac");
  }

  static boolean isSmartGroup(String code) {
    return SMART_GROUPS.contains(code);
  }
}
