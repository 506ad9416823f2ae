package dev.envflow.worker.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An external program a check runs when this machine has it ({@code docker-compose}, {@code promtool}): without it
 * the test is skipped, saying which package brings it, since CI machines may lack it.
 */
record Tool(Path executable) {

  /** The program on the PATH, or the test is skipped naming {@code installHint}. */
  static Tool require(String name, String installHint) {
    Optional<Tool> tool = find(name);
    assumeTrue(tool.isPresent(), name + " is not installed (" + installHint + "): skipping this check");
    return tool.get();
  }

  static Optional<Tool> find(String name) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(new Tool(candidate));
      }
    }
    return Optional.empty();
  }

  /** Runs the program in {@code dir} with extra environment variables; at most two minutes. */
  Result run(Path dir, Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in two minutes");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  record Result(int exitCode, String output) {}
}
