package dev.envflow.worker.embedded;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** An admin endpoint parsed from a URL such as {@code postgresql://user:password@host:5432/postgres}. */
public record AdminEndpoint(String host, int port, String user, String password, String database) {

  public static AdminEndpoint parse(String url, int defaultPort, String defaultUser, String defaultDatabase) {
    URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("not an admin URL (expected scheme://user:password@host:port/...)");
    }
    String user = defaultUser;
    String password = "";
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    return new AdminEndpoint(
        uri.getHost(), uri.getPort() > 0 ? uri.getPort() : defaultPort, user.isEmpty() ? defaultUser : user, password,
        path.isEmpty() ? defaultDatabase : path);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "AdminEndpoint[" + user + "@" + host + ":" + port + "/" + database + ", password=***]";
  }
}
