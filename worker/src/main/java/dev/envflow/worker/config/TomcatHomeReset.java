package dev.envflow.worker.config;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tomcat records its base folder ({@code server.tomcat.basedir}, under the state folder) in the JVM-wide
 * {@code catalina.home} and {@code catalina.base} properties, and the next Tomcat started in the same JVM creates
 * the recorded {@code catalina.home} again — a state folder deleted after this application closed came back as an
 * empty {@code tomcat/}. Closing forgets the properties when they are still this application's.
 */
@Component
@ConditionalOnWebApplication
public class TomcatHomeReset {

  static final String HOME = "catalina.home";
  static final String BASE = "catalina.base";

  private final Path basedir;

  public TomcatHomeReset(@Value("${server.tomcat.basedir}") Path basedir) {
    this.basedir = basedir.toAbsolutePath().normalize();
  }

  @EventListener(ContextClosedEvent.class)
  public void forgetBaseFolder() {
    for (String property : new String[] {HOME, BASE}) {
      String value = System.getProperty(property);
      if (value != null && Path.of(value).toAbsolutePath().normalize().equals(basedir)) {
        System.clearProperty(property);
      }
    }
  }
}
