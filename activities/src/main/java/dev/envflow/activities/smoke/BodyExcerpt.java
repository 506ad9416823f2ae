package dev.envflow.activities.smoke;

import dev.envflow.activities.secrets.UrlPasswords;

/**
 * The first bytes of an answer, on one line, for a report: enough to see what went wrong. Passwords of connection
 * URLs an application might echo in an error ({@code postgres://user:secret@host}) are masked.
 */
final class BodyExcerpt {

  static final int MAX_CHARS = 200;

  private BodyExcerpt() {}

  static String of(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String line = UrlPasswords.mask(body.strip()).replaceAll("\\s+", " ");
    return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) + "..." : line;
  }
}
