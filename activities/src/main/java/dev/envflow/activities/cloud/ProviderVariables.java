package dev.envflow.activities.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The worker's provider configuration: environment variables (or the same keys in Spring config) named in
 * DESIGN.md, "Provider configuration". Values are credentials: never log them or put them in a message.
 */
public final class ProviderVariables {

  private final Function<String, String> source;

  public ProviderVariables(Function<String, String> source) {
    this.source = source;
  }

  public Optional<String> get(String name) {
    String value = source.apply(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String getOrDefault(String name, String fallback) {
    return get(name).orElse(fallback);
  }

  /** The value of a variable that {@link #missing} has confirmed is set. */
  public String required(String name) {
    return get(name).orElseThrow(() -> new IllegalStateException(name + " is not set"));
  }

  /** Which of {@code names} are unset or blank, in the order given. */
  public List<String> missing(String... names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (get(name).isEmpty()) {
        missing.add(name);
      }
    }
    return missing;
  }
}
