package dev.envflow.activities.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An environment's database login, as kept in the secret store ({@code postgresql://role:password@host:port/db}).
 * {@link #toString()} never shows the password.
 */
public record PostgresCredentials(String role, String password, String host, int port, String database) {

  /** Reads a {@code postgresql://role:password@host:port/db} URL. */
  public static PostgresCredentials fromUrl(String url) {
    URI uri = URI.create(url);
    if (!"postgresql".equals(uri.getScheme()) || uri.getRawUserInfo() == null) {
      throw new IllegalArgumentException("not a postgresql://role:password@host:port/db URL");
    }
    String[] userInfo = uri.getRawUserInfo().split(":", 2);
    return new PostgresCredentials(decode(userInfo[0]), userInfo.length > 1 ? decode(userInfo[1]) : "",
        uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1));
  }

  /** The connection URL with the password, for the secret store only. */
  public String toUrl() {
    return "postgresql://" + encode(role) + ":" + encode(password) + "@" + host + ":" + port + "/" + database;
  }

  /** The address without credentials, safe to show and to record. */
  public String location() {
    return "postgresql://" + host + ":" + port + "/" + database;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "PostgresCredentials[role=" + role + ", password=***, location=" + location() + "]";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
