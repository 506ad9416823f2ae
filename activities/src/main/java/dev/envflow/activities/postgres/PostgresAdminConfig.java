package dev.envflow.activities.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How the local PostgreSQL provider reaches its server as an administrator (a role allowed to create roles
 * and databases). {@link #toString()} never shows the password.
 */
public record PostgresAdminConfig(String host, int port, String adminUser, String adminPassword, String adminDatabase) {

  /**
   * Reads {@code jdbc:postgresql://host:port/database?user=...&password=...} (user and password may also be
   * given as {@code user:password@} before the host).
   */
  public static PostgresAdminConfig fromJdbcUrl(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException("not a jdbc:postgresql:// URL");
    }
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    Map<String, String> query = queryParameters(uri.getRawQuery());
    String user = query.get("user");
    String password = query.getOrDefault("password", "");
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    return new PostgresAdminConfig(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
        user == null ? "postgres" : user, password, database);
  }

  /** The JDBC URL of {@code database} on this server, without credentials. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "PostgresAdminConfig[host=" + host + ", port=" + port + ", adminUser=" + adminUser
        + ", adminPassword=***, adminDatabase=" + adminDatabase + "]";
  }

  private static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery == null) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      String[] keyValue = pair.split("=", 2);
      parameters.put(decode(keyValue[0]), keyValue.length > 1 ? decode(keyValue[1]) : "");
    }
    return parameters;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
