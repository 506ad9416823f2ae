package dev.envflow.activities.redis;

import dev.envflow.workflows.model.CheckReport;
import dev.envflow.workflows.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The seed runbook's Redis checks ({@code scripts/test-redis.js}) run with the environment's own credentials:
 * PING, SET/GET, SETEX + TTL, PUBLISH/SUBSCRIBE. For a user confined to a prefix (the local provider) it also
 * proves that a key outside the prefix is refused; a whole cloud database has no such confinement. Removes the
 * keys it writes.
 */
final class RedisUserChecks {

  private static final long WAIT_SECONDS = 5;
  private static final int TTL_SECONDS = 10;
  static final String TOO_SLOW = "REDIS_CHECK_TOO_SLOW";

  private final RedisCredentials credentials;
  private final String prefix;
  private final boolean confined;
  private final RedisTls tls;
  private final String runId = UUID.randomUUID().toString();

  /** Checks of a user confined to {@code prefix}, including that it cannot reach outside it. */
  RedisUserChecks(RedisCredentials credentials, String prefix) {
    this(credentials, prefix, true, RedisTls.systemDefault());
  }

  private RedisUserChecks(RedisCredentials credentials, String prefix, boolean confined, RedisTls tls) {
    this.credentials = credentials;
    this.prefix = prefix;
    this.confined = confined;
    this.tls = tls;
  }

  /** Checks of a whole database (no prefix confinement), over TLS with {@code tls} when the URL is {@code rediss://}. */
  static RedisUserChecks ofDatabase(RedisCredentials credentials, RedisTls tls) {
    return new RedisUserChecks(credentials, "", false, tls);
  }

  CheckReport run() {
    List<String> checks = new ArrayList<>();
    String key = prefix + "envflow-check:" + runId + ":key";
    String ttlKey = prefix + "envflow-check:" + runId + ":ttl";
    try (Jedis user = RedisConnections.as(credentials, tls)) {
      checks.add("PING: " + user.ping());
      try {
        user.set(key, "hello");
        String value = user.get(key);
        expect("hello".equals(value), "SET/GET returned " + value + " instead of hello");
        checks.add("SET/GET: " + value);
        user.setex(ttlKey, TTL_SECONDS, "expires");
        long ttl = user.ttl(ttlKey);
        expect(ttl > 0 && ttl <= TTL_SECONDS, "SETEX/TTL returned a TTL of " + ttl + " instead of 1.." + TTL_SECONDS);
        checks.add("SETEX/TTL: " + ttl);
        checks.add("PUBLISH/SUBSCRIBE: " + publishAndReceive(user));
        if (confined) {
          checks.add("outside the prefix: " + provenRefused(user));
        }
      } finally {
        user.del(key, ttlKey);
      }
    } catch (JedisDataException e) {
      if (RedisConnections.isRefusedLogin(e)) {
        throw failure(FailureType.BAD_CREDENTIALS,
            "Redis refused the stored credentials of user " + credentials.user() + " at " + credentials.location());
      }
      throw failure(FailureType.VALIDATION_FAILED,
          "Redis check as user " + credentials.user() + " failed: " + e.getMessage());
    } catch (JedisConnectionException e) {
      throw ApplicationFailure.newFailureWithCause("cannot reach Redis at " + credentials.location() + ": "
          + e.getMessage(), "REDIS_UNREACHABLE", null);
    }
    return new CheckReport(credentials.location() + " as " + credentials.user(), List.copyOf(checks));
  }

  private String publishAndReceive(Jedis publisher) {
    String channel = prefix + "envflow-check:" + runId + ":channel";
    String message = "hello-" + runId;
    CountDownLatch subscribed = new CountDownLatch(1);
    CompletableFuture<String> received = new CompletableFuture<>();
    JedisPubSub listener = new JedisPubSub() {
      @Override
      public void onSubscribe(String subscribedChannel, int subscribedChannels) {
        subscribed.countDown();
      }

      @Override
      public void onMessage(String fromChannel, String text) {
        received.complete(text);
        unsubscribe();
      }
    };
    Thread subscriber = new Thread(() -> {
      try (Jedis connection = RedisConnections.as(credentials, tls)) {
        connection.subscribe(listener, channel);
      } catch (RuntimeException e) {
        received.completeExceptionally(e);
        subscribed.countDown();
      }
    }, "envflow-redis-check-subscriber");
    subscriber.setDaemon(true);
    subscriber.start();
    try {
      if (!subscribed.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw tooSlow("the subscriber was not subscribed within " + WAIT_SECONDS + "s");
      }
      if (!received.isDone()) {
        publisher.publish(channel, message);
      }
      String text = received.get(WAIT_SECONDS, TimeUnit.SECONDS);
      expect(message.equals(text), "the subscriber received " + text + " instead of " + message);
      return "received on " + channel;
    } catch (TimeoutException e) {
      throw tooSlow("no message arrived on " + channel + " within " + WAIT_SECONDS + "s");
    } catch (ExecutionException e) {
      throw failure(FailureType.VALIDATION_FAILED, "the subscriber failed: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a published message", e);
    } finally {
      stopListening(listener);
      joinQuietly(subscriber);
    }
  }

  private String provenRefused(Jedis user) {
    String outsideKey = "envflow-outside-prefix-check:" + runId;
    try {
      user.get(outsideKey);
    } catch (JedisAccessControlException e) {
      return "key " + outsideKey + " refused (" + firstWord(e.getMessage()) + ")";
    }
    throw failure(FailureType.VALIDATION_FAILED,
        "user " + credentials.user() + " could read key " + outsideKey + " outside its prefix " + prefix);
  }

  /** Ends a subscription still open after a failed check; one the subscriber already closed needs nothing. */
  private static void stopListening(JedisPubSub listener) {
    try {
      if (listener.isSubscribed()) {
        listener.unsubscribe();
      }
    } catch (JedisConnectionException e) {
      // the subscriber's connection closed between the test and the unsubscribe: it is already stopped
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String firstWord(String message) {
    return message == null ? "refused" : message.split(" ", 2)[0];
  }

  private static void expect(boolean condition, String problem) {
    if (!condition) {
      throw failure(FailureType.VALIDATION_FAILED, problem);
    }
  }

  /**
   * A check that could not finish in time proves nothing wrong with the user (a refused SUBSCRIBE fails at once): a
   * loaded worker or a slow network, so it is retried like an unreachable server instead of rolling back.
   */
  private static ApplicationFailure tooSlow(String message) {
    return ApplicationFailure.newFailure("Redis check too slow: " + message, TOO_SLOW);
  }

  private static ApplicationFailure failure(FailureType type, String message) {
    return ApplicationFailure.newNonRetryableFailure(message, type.name());
  }
}
