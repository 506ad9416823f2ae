package dev.envflow.activities.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An environment's Redis login, as kept in the secret store: {@code redis://user:password@host:port}, or
 * {@code rediss://...} when the server speaks TLS. {@link #toString()} never shows the password.
 *
 * @param tls true when connections must use TLS ({@code rediss://})
 */
public record RedisCredentials(String user, String password, String host, int port, boolean tls) {

  public static final int DEFAULT_PORT = 6379;
  private static final String DEFAULT_USER = "default";

  /** A login without TLS, as the local provider hands out. */
  public RedisCredentials(String user, String password, String host, int port) {
    this(user, password, host, port, false);
  }

  /**
   * Reads {@code redis://} or {@code rediss://user:password@host[:port]}; an empty user
   * ({@code rediss://:password@host}) is Redis's {@code default} user, a missing port is 6379.
   */
  public static RedisCredentials fromUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("not a redis:// or rediss:// URL (unparsable; not shown, it may hold a password)");
    }
    boolean tls = "rediss".equals(uri.getScheme());
    if (!(tls || "redis".equals(uri.getScheme())) || uri.getRawUserInfo() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("not a redis:// or rediss://user:password@host:port URL");
    }
    String[] userInfo = uri.getRawUserInfo().split(":", 2);
    String user = userInfo[0].isEmpty() ? DEFAULT_USER : decode(userInfo[0]);
    return new RedisCredentials(user, userInfo.length > 1 ? decode(userInfo[1]) : "",
        uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), tls);
  }

  /** The connection URL with the password, for the secret store only. */
  public String toUrl() {
    return scheme() + "://" + encode(user) + ":" + encode(password) + "@" + host + ":" + port;
  }

  /** The address without credentials, safe to show and to record. */
  public String location() {
    return scheme() + "://" + host + ":" + port;
  }

  @Override
  public String toString() {
    return "RedisCredentials[user=" + user + ", password=***, location=" + location() + "]";
  }

  private String scheme() {
    return tls ? "rediss" : "redis";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
