package dev.envflow.activities.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis checks tell a user that is wrong (VALIDATION_FAILED, rolled back) from a check that could not finish in
 * time (retried): a Redis that answers everything but never confirms a SUBSCRIBE — a loaded server or network — is
 * the second. The real-server paths are covered by {@link LocalRedisProviderTest}.
 */
class RedisUserChecksTest {

  private SilentSubscribeRedis server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aSubscriptionNeverConfirmedIsRetryableNotAValidationFailure() throws IOException {
    server = new SilentSubscribeRedis();
    RedisCredentials credentials = new RedisCredentials("app", "secret", "127.0.0.1", server.port(), false);

    assertThatThrownBy(() -> new RedisUserChecks(credentials, "app:").run())
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(RedisUserChecks.TOO_SLOW);
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getOriginalMessage()).contains("not subscribed within 5s");
        });
    assertThat(server.commands()).contains("SET", "GET", "SETEX", "TTL", "SUBSCRIBE", "DEL");
  }

  /** Just enough RESP for the checks: keys in a map, SUBSCRIBE read and never answered. */
  private static final class SilentSubscribeRedis implements AutoCloseable {

    private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final List<String> commands = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> clients = java.util.Collections.synchronizedList(new ArrayList<>());

    SilentSubscribeRedis() throws IOException {
      Thread acceptor = new Thread(this::accept, "silent-subscribe-redis");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    List<String> commands() {
      synchronized (commands) {
        return List.copyOf(commands);
      }
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket client = socket.accept();
          clients.add(client);
          Thread serving = new Thread(() -> serve(client), "silent-subscribe-redis-client");
          serving.setDaemon(true);
          serving.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket client) {
      try (client; InputStream in = new BufferedInputStream(client.getInputStream());
          OutputStream out = client.getOutputStream()) {
        while (true) {
          List<String> command = readCommand(in);
          if (command == null) {
            return;
          }
          String name = command.get(0).toUpperCase(Locale.ROOT);
          commands.add(name);
          String reply = switch (name) {
            case "PING" -> "+PONG\r\n";
            case "GET" -> bulk(values.get(command.get(1)));
            case "SET" -> put(command.get(1), command.get(2));
            case "SETEX" -> put(command.get(1), command.get(3));
            case "TTL" -> ":10\r\n";
            case "DEL" -> ":" + command.subList(1, command.size()).stream().filter(k -> values.remove(k) != null).count() + "\r\n";
            case "SUBSCRIBE" -> null;
            default -> "+OK\r\n";
          };
          if (reply != null) {
            out.write(reply.getBytes(StandardCharsets.UTF_8));
            out.flush();
          }
        }
      } catch (IOException closed) {
        // the client went away
      }
    }

    private String put(String key, String value) {
      values.put(key, value);
      return "+OK\r\n";
    }

    private static String bulk(String value) {
      return value == null ? "$-1\r\n" : "$" + value.getBytes(StandardCharsets.UTF_8).length + "\r\n" + value + "\r\n";
    }

    private static List<String> readCommand(InputStream in) throws IOException {
      String header = readLine(in);
      if (header == null) {
        return null;
      }
      int count = Integer.parseInt(header.substring(1));
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int length = Integer.parseInt(readLine(in).substring(1));
        byte[] bytes = in.readNBytes(length + 2);
        parts.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
      }
      return parts;
    }

    private static String readLine(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          return line.toString().stripTrailing();
        }
        line.append((char) b);
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (clients) {
        for (Socket client : clients) {
          client.close();
        }
      }
    }
  }
}
