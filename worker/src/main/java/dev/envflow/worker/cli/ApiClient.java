package dev.envflow.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small client of envflow's REST API, for the CLI's client commands. */
final class ApiClient {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI server;
  private final String token;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  /** {@code token} is sent as {@code Authorization: Bearer}; null sends none. */
  ApiClient(String server, String token) {
    this.server = URI.create(server.endsWith("/") ? server : server + "/");
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** An API answer: its HTTP status and its JSON body (an empty object when there was none). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  Answer get(String path) {
    return get(path, REQUEST_TIMEOUT);
  }

  /** A GET that may take up to {@code timeout} (e.g. a sweep that asks every provider). */
  Answer get(String path, Duration timeout) {
    return send(HttpRequest.newBuilder(resolve(path)).GET().timeout(timeout));
  }

  Answer post(String path, String jsonBody) {
    return post(path, jsonBody, REQUEST_TIMEOUT);
  }

  /** A POST that may take up to {@code timeout} (e.g. deleting orphans at slow providers). */
  Answer post(String path, String jsonBody, Duration timeout) {
    return send(
        HttpRequest.newBuilder(resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8))
            .timeout(timeout));
  }

  Answer delete(String path) {
    return send(HttpRequest.newBuilder(resolve(path)).DELETE().timeout(REQUEST_TIMEOUT));
  }

  ObjectMapper json() {
    return json;
  }

  private URI resolve(String path) {
    return server.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  private Answer send(HttpRequest.Builder request) {
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          http.send(
              request.header("Accept", "application/json").build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String body = response.body();
      JsonNode node = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
      if (response.statusCode() == 401) {
        throw new ClientException(node.path("error").asText("authentication required") + "; set ENVFLOW_TOKEN or pass"
            + " --token (on the machine running envflow the admin token is in <state dir>/admin-token)", ExitCodes.REFUSED);
      }
      return new Answer(response.statusCode(), node);
    } catch (ConnectException e) {
      throw new ClientException(
          "envflow is not running at " + server + " (start it with `envflow serve` or `envflow up FILE`, or pass --server)",
          ExitCodes.UNAVAILABLE);
    } catch (IOException e) {
      throw new ClientException("cannot talk to envflow at " + server + ": " + e.getMessage(), ExitCodes.UNAVAILABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException("interrupted", ExitCodes.UNAVAILABLE);
    }
  }
}
