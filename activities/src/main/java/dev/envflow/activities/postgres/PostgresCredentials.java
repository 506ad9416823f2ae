package dev.envflow.activities.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An environment's database login, as kept in the secret store
 * ({@code postgresql://role:password@host:port/db[?sslmode=require]}). {@link #toString()} never shows the
 * password.
 *
 * @param sslMode the JDBC {@code sslmode} (e.g. {@code require} for cloud providers), or null for the driver's default
 */
public record PostgresCredentials(String role, String password, String host, int port, String database, String sslMode) {

  public PostgresCredentials(String role, String password, String host, int port, String database) {
    this(role, password, host, port, database, null);
  }

  /** Reads a {@code postgresql://role:password@host:port/db} URL ({@code postgres://} too), keeping {@code sslmode}. */
  public static PostgresCredentials fromUrl(String url) {
    URI uri = URI.create(url);
    boolean postgres = "postgresql".equals(uri.getScheme()) || "postgres".equals(uri.getScheme());
    if (!postgres || uri.getRawUserInfo() == null) {
      throw new IllegalArgumentException("not a postgresql://role:password@host:port/db URL");
    }
    String[] userInfo = uri.getRawUserInfo().split(":", 2);
    return new PostgresCredentials(decode(userInfo[0]), userInfo.length > 1 ? decode(userInfo[1]) : "",
        uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
        queryParameter(uri.getRawQuery(), "sslmode"));
  }

  public PostgresCredentials withSslMode(String mode) {
    return new PostgresCredentials(role, password, host, port, database, mode);
  }

  /** The connection URL with the password, for the secret store only. */
  public String toUrl() {
    return "postgresql://" + encode(role) + ":" + encode(password) + "@" + host + ":" + port + "/" + database
        + sslQuery();
  }

  /** The address without credentials, safe to show and to record. */
  public String location() {
    return "postgresql://" + host + ":" + port + "/" + database;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + sslQuery();
  }

  @Override
  public String toString() {
    return "PostgresCredentials[role=" + role + ", password=***, location=" + location() + sslQuery() + "]";
  }

  private String sslQuery() {
    return sslMode == null || sslMode.isBlank() ? "" : "?sslmode=" + encode(sslMode);
  }

  private static String queryParameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      String[] keyValue = pair.split("=", 2);
      if (decode(keyValue[0]).equals(name)) {
        return keyValue.length > 1 ? decode(keyValue[1]) : "";
      }
    }
    return null;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
