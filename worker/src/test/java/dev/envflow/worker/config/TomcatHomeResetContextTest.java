package dev.envflow.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.activities.testing.LocalServices;
import dev.envflow.worker.StandaloneEnvflow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A closed application's deleted state folder stays deleted when another application starts in the same JVM. */
class TomcatHomeResetContextTest {

  @Test
  void theNextApplicationDoesNotMakeTheClosedOnesFolderAgain() throws Exception {
    Path first = Files.createTempDirectory("envflow-tomcat-first");
    Path second = Files.createTempDirectory("envflow-tomcat-second");
    try {
      try (StandaloneEnvflow envflow = StandaloneEnvflow.start(first, "in-process", "tomcat_home_first")) {
        assertThat(first.resolve("tomcat")).isDirectory();
      }
      LocalServices.deleteRecursively(first);
      try (StandaloneEnvflow envflow = StandaloneEnvflow.start(second, "in-process", "tomcat_home_second")) {
        assertThat(first).as("the first application's state folder, deleted after it closed").doesNotExist();
      }
    } finally {
      LocalServices.deleteRecursively(first);
      LocalServices.deleteRecursively(second);
      StandaloneEnvflow.adminExecute("DROP DATABASE IF EXISTS tomcat_home_first WITH (FORCE)");
      StandaloneEnvflow.adminExecute("DROP DATABASE IF EXISTS tomcat_home_second WITH (FORCE)");
    }
  }
}
