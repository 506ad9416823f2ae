package dev.envflow.worker;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole envflow application on random ports: in-process Temporal, embedded PostgreSQL and Redis (or the
 * servers named by {@code ENVFLOW_TEST_POSTGRES_URL} / {@code ENVFLOW_TEST_REDIS_URL}), state in a temporary
 * directory. The context is closed after each class, stopping the embedded servers before the directory is
 * deleted.
 */
@SpringBootTest(classes = EnvflowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class EnvflowSpringTest {

  @TempDir static Path stateDir;

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
