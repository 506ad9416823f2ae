package dev.envflow.activities.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The ACL of an environment's Redis user: enabled, one password (sent as its SHA-256, so the clear password
 * never reaches the server's command stream), keys and channels under {@code {name}:} only, every command
 * except the dangerous ones (KEYS, FLUSHALL, CONFIG, ACL, DEBUG, ...).
 */
final class RedisAclRules {

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private RedisAclRules() {}

  static boolean isSafeName(String name) {
    return name != null && SAFE_NAME.matcher(name).matches();
  }

  /** The prefix of every key and channel the user may touch. */
  static String prefix(String name) {
    return name + ":";
  }

  /** A glob matching everything under the user's prefix. */
  static String prefixPattern(String name) {
    return escapeGlob(prefix(name)) + "*";
  }

  /** Rules for {@code ACL SETUSER}; {@code reset} first, so applying them again gives exactly this user. */
  static String[] forUser(String name, String password) {
    String pattern = prefixPattern(name);
    return new String[] {
        "reset", "on", "#" + sha256(password),
        "resetkeys", "~" + pattern,
        "resetchannels", "&" + pattern,
        "+@all", "-@dangerous"
    };
  }

  private static String escapeGlob(String text) {
    return text.replaceAll("([\\\\*?\\[\\]])", "\\\\$1");
  }

  private static String sha256(String password) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
