package dev.envflow.worker.api;

import dev.envflow.workflows.spec.FieldError;
import java.util.List;

/** A spec with problems: answered 400 with every problem by field. */
public class InvalidSpecException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidSpecException(List<FieldError> errors) {
    super(errors.size() + " problem(s) in the spec");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
