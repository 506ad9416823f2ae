package dev.envflow.activities.inventory;

/** The inventory database could not be read or written; callers may retry. */
public class InventoryException extends RuntimeException {

  public InventoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
