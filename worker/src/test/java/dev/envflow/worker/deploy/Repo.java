package dev.envflow.worker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's files, found from the module directory Maven runs the tests in. */
public final class Repo {

  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  public static final ObjectMapper JSON = new ObjectMapper();

  private Repo() {}

  /** The checkout's root: the first directory upwards holding both the parent pom and docker-compose.yml. */
  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
  }

  public static Path file(String relative) {
    return root().resolve(relative);
  }

  public static String read(String relative) {
    try {
      return Files.readString(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode yaml(String relative) {
    try {
      return YAML.readTree(file(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + relative, e);
    }
  }

  public static JsonNode json(String relative) {
    try {
      return JSON.readTree(file(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + relative, e);
    }
  }
}
