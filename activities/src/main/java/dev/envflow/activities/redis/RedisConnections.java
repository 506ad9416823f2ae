package dev.envflow.activities.redis;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Opens Jedis connections with a user and password given apart from the address, so no URL carries them. */
final class RedisConnections {

  private static final int TIMEOUT_MILLIS = 10_000;

  private RedisConnections() {}

  static Jedis open(String host, int port, String user, String password) {
    return open(host, port, user, password, null);
  }

  /** Opens a connection, over TLS when {@code tls} is given. */
  static Jedis open(String host, int port, String user, String password, RedisTls tls) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .timeoutMillis(TIMEOUT_MILLIS)
        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
    if (password != null && !password.isEmpty()) {
      config.user(user).password(password);
    }
    if (tls != null) {
      config.ssl(true).sslSocketFactory(tls.socketFactory()).sslParameters(tls.parameters());
    }
    return new Jedis(new HostAndPort(host, port), config.build());
  }

  static Jedis asAdmin(RedisAdminConfig admin) {
    return open(admin.host(), admin.port(), admin.adminUser(), admin.adminPassword());
  }

  static Jedis as(RedisCredentials credentials) {
    return as(credentials, RedisTls.systemDefault());
  }

  /** Connects as the credentials' user, over TLS with {@code tls} when the credentials say {@code rediss://}. */
  static Jedis as(RedisCredentials credentials, RedisTls tls) {
    return open(credentials.host(), credentials.port(), credentials.user(), credentials.password(),
        credentials.tls() ? tls : null);
  }

  /** True for Redis's answer to a refused login ({@code WRONGPASS}, or {@code NOAUTH} / {@code ERR invalid password} on old servers). */
  static boolean isRefusedLogin(RuntimeException e) {
    String message = e.getMessage();
    return message != null && (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH")
        || message.contains("invalid password") || message.contains("invalid username-password"));
  }
}
