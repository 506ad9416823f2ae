package dev.envflow.worker;

import dev.envflow.activities.testing.LocalServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole envflow application on random ports: in-process Temporal, embedded PostgreSQL and Redis (or the
 * servers named by {@code ENVFLOW_TEST_POSTGRES_URL} / {@code ENVFLOW_TEST_REDIS_URL}), state in a temporary
 * directory. After each class the context is closed — stopping the embedded servers — and only then is the
 * directory deleted: {@link DeleteStateDirectory} is declared before {@code @SpringBootTest}, so its
 * after-all callback runs after Spring's.
 */
@ExtendWith(EnvflowSpringTest.DeleteStateDirectory.class)
@SpringBootTest(classes = EnvflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class EnvflowSpringTest {

  /** The bootstrap admin token of the test application (ENVFLOW_ADMIN_TOKEN). */
  public static final String ADMIN_TOKEN = "efw_test-admin-token-for-the-spring-tests";
  private static final Path ROOT = temporaryRoot();
  protected static Path stateDir;

  @BeforeAll
  static void newStateDirectory() throws IOException {
    stateDir = Files.createTempDirectory(ROOT, "state");
  }

  /** One folder for every test class's state; whatever a closing web server leaves in it goes at JVM exit. */
  private static Path temporaryRoot() {
    try {
      Path root = Files.createTempDirectory("envflow-test-state");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> LocalServices.deleteRecursively(root)));
      return root;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static final class DeleteStateDirectory implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
      LocalServices.deleteRecursively(stateDir);
    }
  }

  @DynamicPropertySource
  static void envflowProperties(DynamicPropertyRegistry registry) {
    registry.add("envflow.state-dir", () -> stateDir.toString());
    registry.add("envflow.embedded.postgres-port", () -> 0);
    registry.add("envflow.embedded.redis-port", () -> 0);
    registry.add("envflow.embedded.probe-localhost", () -> false);
    registry.add("envflow.postgres.admin-url", () -> envOrEmpty("ENVFLOW_TEST_POSTGRES_URL"));
    registry.add("envflow.redis.admin-url", () -> envOrEmpty("ENVFLOW_TEST_REDIS_URL"));
    registry.add("spring.temporal.connection.target", () -> "in-process");
    registry.add("ENVFLOW_ADMIN_TOKEN", () -> ADMIN_TOKEN);
  }

  /** Sends the admin token with every request of a {@link TestRestTemplate} that carries none. */
  protected static void authenticateAsAdmin(TestRestTemplate http) {
    authenticate(http, ADMIN_TOKEN);
  }

  protected static void authenticate(TestRestTemplate http, String token) {
    http.getRestTemplate().getInterceptors().removeIf(BearerToken.class::isInstance);
    http.getRestTemplate().getInterceptors().add(new BearerToken(token));
  }

  /** Adds {@code Authorization: Bearer} unless the request already has an Authorization header. */
  private record BearerToken(String token) implements ClientHttpRequestInterceptor {
    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
        throws IOException {
      if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
        request.getHeaders().setBearerAuth(token);
      }
      return execution.execute(request, body);
    }
  }

  /** Creates a token for {@code user} with {@code roles} through the API, as the admin. */
  protected static String createToken(TestRestTemplate http, String user, String... roles) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(ADMIN_TOKEN);
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    var body = java.util.Map.of("user", user, "roles", java.util.List.of(roles));
    var answer = http.postForEntity("/api/tokens", new HttpEntity<>(body, headers), com.fasterxml.jackson.databind.JsonNode.class);
    if (answer.getStatusCode().value() != 201) {
      throw new IllegalStateException("cannot create a token for " + user + ": " + answer);
    }
    return answer.getBody().path("token").asText();
  }

  private static String envOrEmpty(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }
}
