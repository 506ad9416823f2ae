package dev.envflow.worker.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.envflow.activities.crypto.KeyRing;
import dev.envflow.worker.EnvflowSpringTest;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.CodecDataConverter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The codec endpoints of the running app: Temporal's remote codec protocol, bearer auth, CORS, rotation. */
class CodecServerTest extends EnvflowSpringTest {

  private static final String UI_ORIGIN = "http://localhost:8233";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Payload PLAIN = Payload.newBuilder()
      .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
      .setData(ByteString.copyFromUtf8("{\"url\":\"redis://app:hunter2@127.0.0.1:6379\"}"))
      .build();

  @LocalServerPort int port;
  @Autowired WorkflowClient client;

  @DynamicPropertySource
  static void codecProperties(DynamicPropertyRegistry registry) {
    registry.add("envflow.encryption.codec-keys", () -> TestKeys.entry("new", 2) + "," + TestKeys.entry("old", 1));
    registry.add("envflow.encryption.codec-cors-origins", () -> UI_ORIGIN + ", https://temporal-ui.example");
  }

  @Test
  void encodesUnderTheFirstKeyAndDecodesBackToTheSamePayload() throws Exception {
    HttpResponse<String> encoded = post("/codec/encode", body(PLAIN), "Bearer " + ADMIN_TOKEN);
    assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
    JsonNode encrypted = JSON.readTree(encoded.body()).path("payloads").path(0);
    assertThat(text(encrypted.path("metadata").path("encoding"))).isEqualTo("binary/encrypted");
    assertThat(text(encrypted.path("metadata").path("encryption-key-id"))).isEqualTo("new");
    assertThat(text(encrypted.path("data"))).doesNotContain("hunter2");

    HttpResponse<String> decoded = post("/codec/decode", "{\"payloads\": [" + encrypted + "]}", "Bearer " + ADMIN_TOKEN);
    assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    assertThat(JSON.readTree(decoded.body())).isEqualTo(JSON.readTree(body(PLAIN)));
  }

  @Test
  void decodesPayloadsEncryptedWithAnOlderKeyAndPassesPlainOnesThrough() throws Exception {
    AesGcmPayloadCodec beforeRotation = new AesGcmPayloadCodec(KeyRing.parse("old", TestKeys.entry("old", 1)));
    Payload byOldKey = beforeRotation.encode(List.of(PLAIN)).get(0);

    HttpResponse<String> decoded = post("/codec/decode", body(byOldKey, PLAIN), "bearer " + ADMIN_TOKEN);

    assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    assertThat(JSON.readTree(decoded.body())).isEqualTo(JSON.readTree(body(PLAIN, PLAIN)));
  }

  @Test
  void refusesEveryCallWithoutTheRightBearerTokenWith401AndAJsonError() throws Exception {
    for (String path : List.of("/codec/encode", "/codec/decode")) {
      for (String authorization : new String[] {null, "Bearer wrong-token", "Bearer ", "Basic " + ADMIN_TOKEN, ADMIN_TOKEN}) {
        HttpResponse<String> refused = post(path, body(PLAIN), authorization);
        assertThat(refused.statusCode()).as(path + " with " + authorization).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isNotBlank();
        assertThat(refused.body()).doesNotContain("hunter2", ADMIN_TOKEN);
      }
    }
  }

  @Test
  void answersThePreflightOfAConfiguredOriginAllowingTheUisHeaders() throws Exception {
    HttpResponse<String> preflight = preflight(UI_ORIGIN);

    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(UI_ORIGIN);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("authorization", "x-namespace", "content-type");

    HttpResponse<String> stranger = preflight("https://evil.example");
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void aCrossOriginCallCarriesCorsHeadersEvenWhenRefusedSoTheUiCanShowWhy() throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/codec/decode"))
        .header("Content-Type", "application/json").header("Origin", UI_ORIGIN).header("X-Namespace", "default")
        .POST(HttpRequest.BodyPublishers.ofString(body(PLAIN)));
    HttpResponse<String> refused = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> allowed = HTTP.send(request.header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).contains(UI_ORIGIN);
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(UI_ORIGIN);
  }

  @Test
  void aBodyThatIsNotACodecRequestAnswers400WithAJsonError() throws Exception {
    for (String body : List.of("not json", "{\"payloads\": [{\"data\": \"***\"}]}", "{}")) {
      HttpResponse<String> refused = post("/codec/decode", body, "Bearer " + ADMIN_TOKEN);
      assertThat(refused.statusCode()).as(body).isEqualTo(400);
      assertThat(JSON.readTree(refused.body()).path("error").asText()).as(body).isNotBlank();
    }
  }

  @Test
  void theWorkflowClientAndWorkerUseTheEncryptingConverter() {
    var converter = client.getOptions().getDataConverter();

    assertThat(converter).isInstanceOf(CodecDataConverter.class);
    Payload payload = converter.toPayload(Map.of("url", "redis://app:hunter2@h:1")).orElseThrow();
    assertThat(AesGcmPayloadCodec.isEncrypted(payload)).isTrue();
    assertThat(payload.getMetadataOrThrow(AesGcmPayloadCodec.KEY_ID).toStringUtf8()).isEqualTo("new");
  }

  @Test
  void aTokenWithTheCodecRoleMayDecodeAndAViewerTokenMayNot() throws Exception {
    String codec = token("temporal-ui", "codec");
    String viewer = token("just-looking", "viewer");

    assertThat(post("/codec/encode", body(PLAIN), "Bearer " + codec).statusCode()).isEqualTo(200);
    assertThat(post("/codec/encode", body(PLAIN), "Bearer " + viewer).statusCode()).isEqualTo(401);
  }

  private String token(String user, String role) throws Exception {
    HttpResponse<String> created = post("/api/tokens", "{\"user\": \"" + user + "\", \"roles\": [\"" + role + "\"]}",
        "Bearer " + ADMIN_TOKEN);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).path("token").asText();
  }

  private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri("/codec/decode"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type,x-namespace")
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String text(JsonNode base64) {
    return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
  }

  private static String body(Payload... payloads) throws Exception {
    return JSON.writeValueAsString(CodecPayloads.of(List.of(payloads)));
  }
}
