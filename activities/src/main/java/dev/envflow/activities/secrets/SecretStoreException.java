package dev.envflow.activities.secrets;

/** A secret could not be stored, read or decrypted; the message names the secret, never its value. */
public class SecretStoreException extends RuntimeException {

  public SecretStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
