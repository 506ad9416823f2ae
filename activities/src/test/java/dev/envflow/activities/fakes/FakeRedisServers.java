package dev.envflow.activities.fakes;

import dev.envflow.activities.testing.LocalServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.embedded.RedisServer;

/**
 * Real Redis servers for the databases a fake cloud hands out: each one its own embedded Redis on loopback
 * with {@code requirepass} set to the database's password, speaking TLS (with {@link TestTls}'s certificate)
 * when the database has TLS, so validation really connects. Stopped when the database is deleted, and all of
 * them on {@link #close} (at the latest when the JVM exits).
 */
public final class FakeRedisServers implements AutoCloseable {

  /** One running server: where it listens and whether it speaks TLS. */
  public record Instance(String host, int port, boolean tls, RedisServer server) {
    @Override
    public String toString() {
      return "Instance[" + host + ":" + port + (tls ? " tls" : "") + "]";
    }
  }

  private final List<Instance> running = new ArrayList<>();
  private final Path directory;

  public FakeRedisServers() {
    try {
      directory = Files.createTempDirectory("envflow-fake-redis");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "envflow-fake-redis-cleanup"));
  }

  /** Starts a server on a free loopback port that asks for {@code password}, over TLS when {@code tls}. */
  public synchronized Instance start(String password, boolean tls) {
    int port = freePort();
    try {
      var builder = RedisServer.newRedisServer()
          .bind("127.0.0.1")
          .port(tls ? 0 : port)
          .setting("dir " + directory.toAbsolutePath())
          .setting("requirepass " + password)
          .setting("save \"\"")
          .setting("appendonly no");
      if (tls) {
        TestTls certificate = TestTls.get();
        builder.setting("tls-port " + port)
            .setting("tls-cert-file " + certificate.certificate().toAbsolutePath())
            .setting("tls-key-file " + certificate.privateKey().toAbsolutePath())
            .setting("tls-auth-clients no");
      }
      RedisServer server = builder.build();
      server.start();
      Instance instance = new Instance("127.0.0.1", port, tls, server);
      running.add(instance);
      return instance;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a fake database's Redis", e);
    }
  }

  public synchronized void stop(Instance instance) {
    if (running.remove(instance)) {
      stopQuietly(instance);
    }
  }

  /** How many servers are running (a fake that ends empty has none). */
  public synchronized int running() {
    return running.size();
  }

  @Override
  public synchronized void close() {
    running.forEach(FakeRedisServers::stopQuietly);
    running.clear();
    LocalServices.deleteRecursively(directory);
  }

  private static void stopQuietly(Instance instance) {
    try {
      instance.server().stop();
    } catch (IOException e) {
      System.err.println("cannot stop a fake Redis on port " + instance.port() + ": " + e.getMessage());
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
