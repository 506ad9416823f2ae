package dev.envflow.activities.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.JedisPooled;

/**
 * A small stand-in for the seed's synckairos service, configured like the real one: from {@code DATABASE_URL} and
 * {@code REDIS_URL} only. {@code POST /v1/sessions} writes the session and its participants to PostgreSQL (the
 * migrated {@code sync_sessions} / {@code sync_participants} tables) and its state to Redis under the Redis user's
 * key prefix; {@code GET /v1/sessions/{id}} reads both back; {@code /ready} pings both; {@code /metrics} counts live
 * sessions. Until it is configured it answers /health only, as a process that is still starting would. Faults can
 * be injected by path: a fixed status, a delay, a missing metric.
 */
public final class SynckairosTestApp implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private final String metricPrefix;
  private final Map<String, Integer> failing = new ConcurrentHashMap<>();
  private final Map<String, Duration> slow = new ConcurrentHashMap<>();
  private final AtomicInteger notReadyAnswers = new AtomicInteger();
  private final AtomicInteger sessionsWritten = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private volatile boolean withoutMetric;
  private volatile HikariDataSource database;
  private volatile JedisPooled redis;
  private volatile String keyPrefix = "";

  private SynckairosTestApp(String metricPrefix) throws IOException {
    this.metricPrefix = metricPrefix;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  public static SynckairosTestApp start(String metricPrefix) {
    try {
      return new SynckairosTestApp(metricPrefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** What a deploy does: the app (re)starts with these secrets. The Redis user name is its key prefix. */
  public synchronized SynckairosTestApp configure(String databaseUrl, String redisUrl) {
    stopClients();
    URI db = URI.create(databaseUrl);
    String[] dbUser = userInfo(db);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://" + db.getHost() + ":" + db.getPort() + db.getPath());
    config.setUsername(dbUser[0]);
    config.setPassword(dbUser[1]);
    config.setMaximumPoolSize(4);
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(2000);
    database = new HikariDataSource(config);
    URI cache = URI.create(redisUrl);
    String[] cacheUser = userInfo(cache);
    keyPrefix = cacheUser[0] == null || cacheUser[0].isEmpty() || cacheUser[0].equals("default") ? "" : cacheUser[0] + ":";
    redis = new JedisPooled(cache);
    return this;
  }

  /** Stops using the secrets, as a machine that was stopped or rolled back to an app without them. */
  public synchronized void unconfigure() {
    stopClients();
  }

  public boolean configured() {
    return database != null;
  }

  /** Answers {@code status} on {@code path} from now on; 0 makes it answer normally again. */
  public SynckairosTestApp failing(String path, int status) {
    if (status <= 0) {
      failing.remove(path);
    } else {
      failing.put(path, status);
    }
    return this;
  }

  public SynckairosTestApp slow(String path, Duration delay) {
    slow.put(path, delay);
    return this;
  }

  public SynckairosTestApp withoutMetric() {
    withoutMetric = true;
    return this;
  }

  /** The next {@code times} answers of /ready are 503, as while the app warms up. */
  public SynckairosTestApp notReadyFor(int times) {
    notReadyAnswers.set(times);
    return this;
  }

  public int sessionsWritten() {
    return sessionsWritten.get();
  }

  /** The most requests this app has been handling at once. */
  public int mostInFlight() {
    return mostInFlight.get();
  }

  @Override
  public synchronized void close() {
    server.stop(0);
    threads.shutdownNow();
    stopClients();
  }

  private void stopClients() {
    if (database != null) {
      database.close();
      database = null;
    }
    if (redis != null) {
      redis.close();
      redis = null;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try (exchange) {
      Duration delay = slow.get(path);
      if (delay != null) {
        Thread.sleep(delay.toMillis());
      }
      Integer status = failing.get(path);
      if (status != null) {
        send(exchange, status, "{\"error\":\"injected failure\"}");
        return;
      }
      if (path.equals("/health")) {
        send(exchange, 200, "{\"status\":\"ok\"}");
      } else if (database == null) {
        send(exchange, 503, "{\"error\":\"starting: no DATABASE_URL / REDIS_URL yet\"}");
      } else if (path.equals("/ready")) {
        ready(exchange);
      } else if (path.equals("/metrics")) {
        metrics(exchange);
      } else if (path.equals("/v1/sessions") && exchange.getRequestMethod().equals("POST")) {
        createSession(exchange);
      } else if (path.startsWith("/v1/sessions/") && exchange.getRequestMethod().equals("GET")) {
        readSession(exchange, path.substring("/v1/sessions/".length()));
      } else {
        send(exchange, 404, "{\"error\":\"no route " + path + "\"}");
      }
    } catch (SQLException | RuntimeException e) {
      send(exchange, 500, JSON.createObjectNode().put("error", String.valueOf(e.getMessage())).toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void ready(HttpExchange exchange) throws IOException, SQLException {
    if (notReadyAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      send(exchange, 503, "{\"status\":\"warming up\"}");
      return;
    }
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
    }
    send(exchange, 200, "{\"status\":\"ready\",\"redis\":\"" + redis.ping() + "\"}");
  }

  private void metrics(HttpExchange exchange) throws IOException, SQLException {
    long live;
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM sync_sessions WHERE status IN ('pending', 'running')")) {
      rows.next();
      live = rows.getLong(1);
    }
    String name = withoutMetric ? metricPrefix + "_sessions_total" : metricPrefix + "_active_sessions";
    send(exchange, 200, "# HELP " + name + " Sessions\n# TYPE " + name + " gauge\n" + name + " " + live + "\n");
  }

  private void createSession(HttpExchange exchange) throws IOException, SQLException {
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    String id = body.path("session_id").asText();
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement session = connection.prepareStatement(
          "INSERT INTO sync_sessions (session_id, sync_mode) VALUES (?, ?)");
          PreparedStatement participant = connection.prepareStatement("INSERT INTO sync_participants"
              + " (session_id, participant_id, participant_index, total_time_ms, time_remaining_ms) VALUES (?, ?, ?, ?, ?)")) {
        session.setString(1, id);
        session.setString(2, body.path("sync_mode").asText());
        session.executeUpdate();
        for (JsonNode p : body.path("participants")) {
          participant.setString(1, id);
          participant.setString(2, p.path("participant_id").asText());
          participant.setInt(3, p.path("participant_index").asInt());
          participant.setLong(4, p.path("total_time_ms").asLong());
          participant.setLong(5, p.path("total_time_ms").asLong());
          participant.executeUpdate();
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
    redis.set(keyPrefix + "session:" + id, body.toString());
    sessionsWritten.incrementAndGet();
    send(exchange, 201, JSON.createObjectNode().put("session_id", id).put("status", "pending").toString());
  }

  private void readSession(HttpExchange exchange, String id) throws IOException, SQLException {
    String state = redis.get(keyPrefix + "session:" + id);
    try (Connection connection = database.getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT s.session_id, s.sync_mode, s.status,"
            + " count(p.participant_id) AS participants FROM sync_sessions s LEFT JOIN sync_participants p"
            + " ON p.session_id = s.session_id WHERE s.session_id = ? GROUP BY s.session_id")) {
      query.setString(1, id);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next() || state == null) {
          send(exchange, 404, "{\"error\":\"no session " + id + "\"}");
          return;
        }
        ObjectNode answer = JSON.createObjectNode().put("session_id", rows.getString("session_id"))
            .put("sync_mode", rows.getString("sync_mode")).put("status", rows.getString("status"))
            .put("participants", rows.getInt("participants"));
        answer.set("state", JSON.readTree(state));
        send(exchange, 200, answer.toString());
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String[] userInfo(URI uri) {
    String info = uri.getRawUserInfo();
    if (info == null) {
      return new String[] {null, null};
    }
    String[] parts = info.split(":", 2);
    return new String[] {URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null};
  }
}
