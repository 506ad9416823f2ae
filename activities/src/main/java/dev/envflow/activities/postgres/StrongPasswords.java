package dev.envflow.activities.postgres;

import java.security.SecureRandom;

/** Random passwords of letters and digits (about 190 bits), safe in URLs and configuration files. */
public final class StrongPasswords {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private StrongPasswords() {}

  public static String generate() {
    StringBuilder password = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
