package dev.envflow.activities.postgres;

import java.util.Locale;

/** How an environment's name becomes PostgreSQL identifiers and envflow's ownership marker. */
final class PostgresNames {

  private static final int MAX_IDENTIFIER_LENGTH = 63;
  private static final String MARKER_PREFIX = "envflow:";

  private PostgresNames() {}

  /** {@code synckairos-staging} becomes {@code synckairos_staging}: lower case letters, digits and underscores. */
  static String identifier(String name) {
    String safe = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (safe.isEmpty() || !Character.isLetter(safe.charAt(0))) {
      safe = "env_" + safe;
    }
    return safe.length() > MAX_IDENTIFIER_LENGTH ? safe.substring(0, MAX_IDENTIFIER_LENGTH) : safe;
  }

  /** The identifier in double quotes, ready for SQL. */
  static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** The comment envflow puts on the role and database it creates for the environment named {@code name}. */
  static String ownershipMarker(String name) {
    return MARKER_PREFIX + "env-" + name;
  }

  /** A SQL string literal. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
