package dev.envflow.activities.smoke;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A stand-in for the deployed application on a random local port, answering each path as told. */
final class FakeApp implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  record Answer(int status, String body) {}

  FakeApp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      Answer answer = answers.getOrDefault(exchange.getRequestURI().getPath(), new Answer(404, "not found"));
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  FakeApp answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body));
    return this;
  }

  FakeApp healthy(String metricPrefix) {
    return answer("/health", 200, "{\"status\":\"ok\"}")
        .answer("/ready", 200, "ready")
        .answer("/metrics", 200, "# HELP " + metricPrefix + "_active_sessions Active sessions\n"
            + "# TYPE " + metricPrefix + "_active_sessions gauge\n"
            + metricPrefix + "_active_sessions 3\n");
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
