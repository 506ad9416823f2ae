package dev.envflow.activities.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * How the local Redis provider reaches its server as an administrator (a user allowed to run {@code ACL}).
 * {@link #toString()} never shows the password.
 */
public record RedisAdminConfig(String host, int port, String adminUser, String adminPassword) {

  /** Reads {@code redis://user:password@host:port} ({@code redis://:password@host:port} means user {@code default}). */
  public static RedisAdminConfig fromUrl(String url) {
    URI uri = URI.create(url);
    if (!"redis".equals(uri.getScheme())) {
      throw new IllegalArgumentException("not a redis:// URL");
    }
    String user = "default";
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      if (!parts[0].isEmpty()) {
        user = decode(parts[0]);
      }
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    return new RedisAdminConfig(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), user, password);
  }

  @Override
  public String toString() {
    return "RedisAdminConfig[host=" + host + ", port=" + port + ", adminUser=" + adminUser + ", adminPassword=***]";
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
