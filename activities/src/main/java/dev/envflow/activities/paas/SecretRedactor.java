package dev.envflow.activities.paas;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Replaces every known secret value, and the password inside a connection URL, with {@code ***}. */
final class SecretRedactor {

  static final String MASK = "***";
  private static final int SHORTEST_REDACTED = 4;

  private final List<String> secrets;

  SecretRedactor(Collection<String> values) {
    Set<String> all = new LinkedHashSet<>();
    for (String value : values) {
      all.add(value);
      all.addAll(passwordsIn(value));
    }
    this.secrets = all.stream()
        .filter(secret -> secret.length() >= SHORTEST_REDACTED)
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  String redact(String text) {
    String redacted = text;
    for (String secret : secrets) {
      redacted = redacted.replace(secret, MASK);
    }
    return redacted;
  }

  private static Set<String> passwordsIn(String value) {
    Set<String> passwords = new LinkedHashSet<>();
    try {
      String userInfo = URI.create(value).getRawUserInfo();
      if (userInfo != null && userInfo.contains(":")) {
        String raw = userInfo.substring(userInfo.indexOf(':') + 1);
        passwords.add(raw);
        passwords.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
      }
    } catch (IllegalArgumentException notAUrl) {
      // The whole value is still redacted.
    }
    return passwords;
  }
}
