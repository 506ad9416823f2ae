package dev.envflow.activities.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An environment's Redis login, as kept in the secret store ({@code redis://user:password@host:port}).
 * {@link #toString()} never shows the password.
 */
public record RedisCredentials(String user, String password, String host, int port) {

  public static RedisCredentials fromUrl(String url) {
    URI uri = URI.create(url);
    if (!"redis".equals(uri.getScheme()) || uri.getRawUserInfo() == null) {
      throw new IllegalArgumentException("not a redis://user:password@host:port URL");
    }
    String[] userInfo = uri.getRawUserInfo().split(":", 2);
    return new RedisCredentials(decode(userInfo[0]), userInfo.length > 1 ? decode(userInfo[1]) : "",
        uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
  }

  /** The connection URL with the password, for the secret store only. */
  public String toUrl() {
    return "redis://" + encode(user) + ":" + encode(password) + "@" + host + ":" + port;
  }

  /** The address without credentials, safe to show and to record. */
  public String location() {
    return "redis://" + host + ":" + port;
  }

  @Override
  public String toString() {
    return "RedisCredentials[user=" + user + ", password=***, location=" + location() + "]";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
