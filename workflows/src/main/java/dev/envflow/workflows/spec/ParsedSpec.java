package dev.envflow.workflows.spec;

import java.util.List;

/** The outcome of reading a spec: the spec with defaults applied, or every problem found (never both). */
public record ParsedSpec(EnvironmentSpec spec, List<FieldError> errors) {

  public boolean valid() {
    return errors.isEmpty();
  }

  /** All problems, one per line, as shown to people and put in failure messages. */
  public String describeErrors() {
    return String.join("\n", errors.stream().map(FieldError::toString).toList());
  }
}
