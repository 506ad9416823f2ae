package dev.envflow.workflows.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What envflow checks once the application is deployed; nothing when {@code baseUrl} is not set.
 *
 * @param baseUrl where the deployed application answers, e.g. {@code https://synckairos-staging.fly.dev}
 * @param suite {@code synckairos} (the seed's {@code smoke-test.sh}) or {@code basic} ({@code /health} only)
 * @param load an optional bounded load step run after the suite passed (the seed's k6 baseline), or null
 */
public record SmokeSpec(String baseUrl, String suite, LoadSpec load) {

  public static final String SYNCKAIROS_SUITE = "synckairos";
  public static final String BASIC_SUITE = "basic";

  @JsonCreator
  public SmokeSpec {}

  /** A smoke spec without a load step. */
  public SmokeSpec(String baseUrl, String suite) {
    this(baseUrl, suite, null);
  }
}
