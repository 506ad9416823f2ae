package dev.envflow.worker.api;

/** A refusal the API answers with {@code status} and a message in plain words. */
public class ApiException extends RuntimeException {

  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
