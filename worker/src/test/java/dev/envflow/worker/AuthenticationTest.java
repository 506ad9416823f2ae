package dev.envflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Who may call what: 401 without or with a wrong token, 403 without the role, the rest passes the filter. */
class AuthenticationTest extends EnvflowSpringTest {

  @Autowired TestRestTemplate http;
  private static Map<String, String> tokens;

  @BeforeEach
  void tokens() {
    if (tokens != null) {
      return;
    }
    tokens = Map.of(
        "viewer", createToken(http, "viewer@example.com", "viewer"),
        "requester", createToken(http, "requester@example.com", "requester"),
        "approver", createToken(http, "approver@example.com", "approver"),
        "codec", createToken(http, "codec@example.com", "codec"),
        "admin", ADMIN_TOKEN);
  }

  static Stream<Arguments> endpoints() {
    String env = "/api/environments/env-nobody-here";
    return Stream.of(
        Arguments.of("GET", "/api/environments", "viewer", List.of("viewer", "requester", "approver", "admin")),
        Arguments.of("GET", env, "viewer", List.of("viewer", "requester", "approver", "admin")),
        Arguments.of("GET", env + "/audit", "viewer", List.of("viewer", "requester", "approver", "admin")),
        Arguments.of("GET", "/api/providers", "viewer", List.of("viewer", "requester", "approver", "admin")),
        Arguments.of("POST", "/api/environments?dryRun=true", "requester", List.of("requester", "admin")),
        Arguments.of("POST", "/api/environments", "requester", List.of("requester", "admin")),
        Arguments.of("DELETE", env, "requester", List.of("requester", "admin")),
        Arguments.of("POST", env + "/approve", "approver", List.of("approver", "admin")),
        Arguments.of("POST", env + "/reject", "approver", List.of("approver", "admin")),
        Arguments.of("GET", "/api/tokens", "admin", List.of("admin")),
        Arguments.of("GET", "/api/orphans", "admin", List.of("admin")),
        Arguments.of("POST", "/api/tokens", "admin", List.of("admin")),
        Arguments.of("DELETE", "/api/tokens/nobody", "admin", List.of("admin")));
  }

  @ParameterizedTest(name = "{0} {1} needs {2}")
  @MethodSource("endpoints")
  void everyEndpointNeedsATokenWithTheRightRole(String method, String path, String role, List<String> allowed) {
    assertThat(call(method, path, null).getStatusCode().value()).as("no token").isEqualTo(401);
    assertThat(call(method, path, "efw_wrong").getStatusCode().value()).as("wrong token").isEqualTo(401);
    for (Map.Entry<String, String> token : tokens.entrySet()) {
      ResponseEntity<JsonNode> answer = call(method, path, token.getValue());
      if (allowed.contains(token.getKey())) {
        assertThat(answer.getStatusCode().value()).as(token.getKey()).isNotIn(401, 403);
      } else {
        assertThat(answer.getStatusCode().value()).as(token.getKey()).isEqualTo(403);
        assertThat(answer.getBody().path("error").asText()).contains("needs the role " + role);
      }
    }
  }

  @Test
  void healthStaysOpen() {
    assertThat(call("GET", "/actuator/health", null).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void theRequesterIsTheTokensUserWhateverTheBodySays() {
    JsonNode spec = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
        .put("app", "authn").put("environment", "who").put("requestedBy", "someone-else@example.com");
    assertThat(call("POST", "/api/environments", tokens.get("requester"), spec).getStatusCode().value()).isEqualTo(202);

    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).until(() ->
        call("GET", "/api/environments/env-authn-who", tokens.get("viewer")).getBody().path("phase").asText()
            .matches("ACTIVE|FAILED|ROLLED_BACK"));
    String audit = call("GET", "/api/environments/env-authn-who/audit", tokens.get("viewer")).getBody().toString();
    assertThat(audit).contains("\"actor\":\"requester@example.com\"").doesNotContain("someone-else");
    call("DELETE", "/api/environments/env-authn-who", tokens.get("requester"));
  }

  private ResponseEntity<JsonNode> call(String method, String path, String token) {
    // an invalid spec: whoever passes authentication is refused by validation, so nothing is created
    return call(method, path, token, "POST".equals(method) ? Map.of("app", "Not Valid") : null);
  }

  private ResponseEntity<JsonNode> call(String method, String path, String token, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (token != null) {
      headers.setBearerAuth(token);
    }
    return http.exchange(path, HttpMethod.valueOf(method), new HttpEntity<>(body, headers), JsonNode.class);
  }
}
