package dev.envflow.workflows.spec;

/** One problem with a spec, by field path: {@code redis.provider: unknown provider "upstsh"; ...}. */
public record FieldError(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
