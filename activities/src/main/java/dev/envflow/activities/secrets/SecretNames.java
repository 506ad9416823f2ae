package dev.envflow.activities.secrets;

import java.util.regex.Pattern;

/** The names a {@link SecretStore} accepts: {@code kind/name}, or one plain segment, of safe characters. */
final class SecretNames {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?");

  private SecretNames() {}

  static boolean valid(String name) {
    return name != null && SAFE.matcher(name).matches() && !name.startsWith(".") && !name.contains("/.");
  }

  static String check(String name) {
    if (!valid(name)) {
      throw new IllegalArgumentException("not a valid secret key: " + name);
    }
    return name;
  }
}
