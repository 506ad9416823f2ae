package dev.envflow.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TomcatHomeResetTest {

  private final String home = System.getProperty(TomcatHomeReset.HOME);
  private final String base = System.getProperty(TomcatHomeReset.BASE);

  @AfterEach
  void restore() {
    restore(TomcatHomeReset.HOME, home);
    restore(TomcatHomeReset.BASE, base);
  }

  @Test
  void closingForgetsTheBaseFolderThisApplicationRecorded() {
    Path basedir = Path.of("target", "state", "tomcat");
    System.setProperty(TomcatHomeReset.HOME, basedir.toAbsolutePath().toString());
    System.setProperty(TomcatHomeReset.BASE, basedir.toAbsolutePath().toString());

    new TomcatHomeReset(basedir).forgetBaseFolder();

    assertThat(System.getProperty(TomcatHomeReset.HOME)).isNull();
    assertThat(System.getProperty(TomcatHomeReset.BASE)).isNull();
  }

  @Test
  void anotherApplicationsBaseFolderIsLeftAlone() {
    String other = Path.of("target", "other", "tomcat").toAbsolutePath().toString();
    System.setProperty(TomcatHomeReset.HOME, other);
    System.setProperty(TomcatHomeReset.BASE, other);

    new TomcatHomeReset(Path.of("target", "state", "tomcat")).forgetBaseFolder();

    assertThat(System.getProperty(TomcatHomeReset.HOME)).isEqualTo(other);
    assertThat(System.getProperty(TomcatHomeReset.BASE)).isEqualTo(other);
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
