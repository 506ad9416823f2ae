package dev.envflow.worker;

import dev.envflow.activities.testing.LocalServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
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
  }

  private static String envOrEmpty(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }
}
