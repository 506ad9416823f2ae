package dev.envflow.worker.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the environment variables envflow reads, the way a reviewer would: {@code System.getenv}, lookups through
 * {@code ProviderVariables} ({@code variables.get / getOrDefault / required / missing}), environment functions
 * ({@code env.apply}) and helpers handed the variables ({@code duration(variables, NAME, ...)}), Spring
 * placeholders {@code ${NAME:...}} in Java and in application*.yml, picocli's
 * {@code ${env:NAME}}, the launcher script's {@code $NAME}, docker-compose.yml's substitutions (compose reads .env),
 * and the secrets the examples name ({@code slackWebhookSecret}). Names passed as constants are resolved through the
 * constant's declaration ({@code static final String API_KEY = "TEMPORAL_API_KEY"}), in the same file or as
 * {@code Class.CONSTANT}. A lookup with a fallback ({@code getOrDefault(NAME, DEFAULT_SITE)}) reads only its first
 * argument: the second is the value used when the variable is unset, not a variable.
 */
final class EnvironmentVariables {

  private static final String NAME = "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*";
  private static final Pattern CONSTANT =
      Pattern.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"(" + NAME + ")\"\\s*;");
  private static final Pattern LOOKUP = Pattern.compile(
      "(?:\\bgetenv\\s*\\(\\s*\\)\\s*\\.\\s*(?:get|getOrDefault)"
          + "|\\bgetenv"
          + "|\\b\\w*[vV]ariables\\s*\\.\\s*(?:get|getOrDefault|required|missing)"
          + "|\\.\\s*(?:required|missing)"
          + "|\\b(?:env|environment)\\s*\\.\\s*(?:apply|getProperty)"
          + ")\\s*\\(([^()]*)\\)"
          // a helper handed the variables and the name: duration(variables, READINESS_TIMEOUT, ...)
          + "|\\b\\w+\\s*\\(\\s*\\w*[vV]ariables\\s*,\\s*((?:\\w+\\.)?[A-Z][A-Z0-9_]*|\"[A-Z0-9_]+\")\\s*[,)]");
  private static final Pattern STRING_ARGUMENT = Pattern.compile("\"(" + NAME + ")\"");
  private static final Pattern CONSTANT_ARGUMENT = Pattern.compile("(?<![\\w.\"])((?:\\w+\\.)?[A-Z][A-Z0-9_]*)(?![\\w\"(])");
  private static final Pattern WITH_FALLBACK = Pattern.compile("(?s).*\\bgetOrDefault\\s*\\(");
  private static final Pattern SPRING_PLACEHOLDER = Pattern.compile("\\$\\{(?:env:)?(" + NAME + ")(?=[:}])");
  private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?(" + NAME + ")");

  private EnvironmentVariables() {}

  /** Each variable envflow reads, with where it is read first ({@code path:line}). */
  static Map<String, String> readByEnvflow() {
    Map<String, String> read = new TreeMap<>();
    Map<String, String> qualified = new HashMap<>();
    List<Path> javaSources = files("src/main/java", ".java");
    for (Path source : javaSources) {
      String className = source.getFileName().toString().replace(".java", "");
      Matcher constant = CONSTANT.matcher(text(source));
      while (constant.find()) {
        qualified.put(className + "." + constant.group(1), constant.group(2));
      }
    }
    for (Path source : javaSources) {
      String text = text(source);
      String className = source.getFileName().toString().replace(".java", "");
      Matcher lookup = LOOKUP.matcher(text);
      while (lookup.find()) {
        String arguments = lookup.group(1) != null ? lookup.group(1) : lookup.group(2);
        if (lookup.group(1) != null
            && WITH_FALLBACK.matcher(text.substring(lookup.start(), lookup.start(1))).matches()) {
          arguments = firstArgument(arguments);
        }
        String where = where(source, text, lookup.start());
        Matcher literal = STRING_ARGUMENT.matcher(arguments);
        while (literal.find()) {
          read.putIfAbsent(literal.group(1), where);
        }
        Matcher constantArgument = CONSTANT_ARGUMENT.matcher(arguments.replaceAll("\"[^\"]*\"", ""));
        while (constantArgument.find()) {
          String reference = constantArgument.group(1);
          String value = qualified.get(reference.contains(".") ? reference : className + "." + reference);
          if (value == null) {
            throw new AssertionError(where + ": cannot tell which environment variable " + reference + " names; read it"
                + " through a String constant declared in the same file or as Class.CONSTANT");
          }
          read.putIfAbsent(value, where);
        }
      }
      collect(SPRING_PLACEHOLDER, source, text, read);
    }
    for (Path config : files("src/main/resources", ".yml", ".yaml", ".properties")) {
      collect(SPRING_PLACEHOLDER, config, text(config), read);
    }
    Path launcher = Repo.file("envflow");
    collect(SHELL_VARIABLE, launcher, text(launcher), read);
    Path compose = Repo.file(Compose.FILE);
    collect(Pattern.compile("\\$\\{(" + NAME + ")"), compose, text(compose), read);
    for (Path example : files(Repo.file("examples"), ".json")) {
      collect(Pattern.compile("\"slackWebhookSecret\"\\s*:\\s*\"(" + NAME + ")\""), example, text(example), read);
    }
    return read;
  }

  /** The first of comma-separated {@code arguments} (a comma inside a string literal does not end it). */
  private static String firstArgument(String arguments) {
    boolean quoted = false;
    for (int i = 0; i < arguments.length(); i++) {
      char c = arguments.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return arguments.substring(0, i);
      }
    }
    return arguments;
  }

  /** Whether {@code name} appears anywhere in envflow's sources, tests, scripts or deployment files. */
  static boolean mentionedAnywhere(String name) {
    List<Path> everything = new ArrayList<>(files("src", ".java", ".yml", ".yaml", ".properties"));
    everything.add(Repo.file("envflow"));
    everything.add(Repo.file(Compose.FILE));
    everything.addAll(files(Repo.file("examples"), ".json"));
    Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
    return everything.stream().anyMatch(file -> word.matcher(text(file)).find());
  }

  private static void collect(Pattern pattern, Path file, String text, Map<String, String> read) {
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      read.putIfAbsent(matcher.group(1), where(file, text, matcher.start()));
    }
  }

  private static String where(Path file, String text, int offset) {
    long line = text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    return Repo.root().relativize(file) + ":" + line;
  }

  /** Files under every module's {@code subdirectory} (e.g. src/main/java) ending with one of {@code suffixes}. */
  private static List<Path> files(String subdirectory, String... suffixes) {
    List<Path> found = new ArrayList<>();
    for (String module : List.of("workflows", "activities", "worker")) {
      Path dir = Repo.file(module).resolve(subdirectory);
      if (Files.isDirectory(dir)) {
        found.addAll(files(dir, suffixes));
      }
    }
    return found;
  }

  private static List<Path> files(Path dir, String... suffixes) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> Stream.of(suffixes).anyMatch(s -> p.toString().endsWith(s)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
