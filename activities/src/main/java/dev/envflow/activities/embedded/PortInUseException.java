package dev.envflow.activities.embedded;

/** A port an embedded server needs is taken by a program that is not envflow's: a one-line problem for people. */
public final class PortInUseException extends RuntimeException {

  public PortInUseException(String message) {
    super(message);
  }
}
