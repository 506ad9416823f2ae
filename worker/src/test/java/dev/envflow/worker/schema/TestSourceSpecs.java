package dev.envflow.worker.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.envflow.worker.deploy.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The spec documents written out in the test sources of every module: JSON text blocks and JSON string literals
 * that are objects with an {@code app} field. Found again on every run, so a spec added to any test joins the
 * schema check without being listed here.
 */
final class TestSourceSpecs {

  private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"[ \\t]*\\n(.*?)\"\"\"", Pattern.DOTALL);
  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:\\\\.|[^\"\\\\\\n])*)\"");

  record Found(String where, JsonNode spec) {}

  private TestSourceSpecs() {}

  static List<Found> all() {
    List<Found> found = new ArrayList<>();
    for (Path source : testSources()) {
      String text = read(source);
      String where = Repo.root().relativize(source).toString();
      Matcher block = TEXT_BLOCK.matcher(text);
      while (block.find()) {
        parse(block.group(1).replace("\\\"", "\"")).ifPresent(spec -> found.add(new Found(where, spec)));
      }
      Matcher literal = STRING_LITERAL.matcher(TEXT_BLOCK.matcher(text).replaceAll("\"\""));
      while (literal.find()) {
        parse(unescape(literal.group(1))).ifPresent(spec -> found.add(new Found(where, spec)));
      }
    }
    return found;
  }

  private static java.util.Optional<JsonNode> parse(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{")) {
      return java.util.Optional.empty();
    }
    try {
      JsonNode node = Repo.JSON.readTree(trimmed);
      return node.isObject() && node.has("app") ? java.util.Optional.of(node) : java.util.Optional.empty();
    } catch (IOException notJson) {
      return java.util.Optional.empty();
    }
  }

  private static String unescape(String literal) {
    return literal.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
  }

  private static List<Path> testSources() {
    try (Stream<Path> files = Files.walk(Repo.root(), 12)) {
      return files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/test/java/"))
          .filter(p -> !p.toString().contains("/target/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
