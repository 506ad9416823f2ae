package dev.envflow.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.worker.deploy.Repo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code envflow schema} prints docs/spec.schema.json as packed into the jar, without starting anything. */
class SchemaCommandTest {

  @Test
  void printsTheSpecsJsonSchema() {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new EnvflowMain()).setOut(new PrintWriter(out)).execute("schema");

    assertThat(exit).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).isEqualTo(Repo.read("docs/spec.schema.json"));
  }

  @Test
  void loadsNoSpringClasses() throws Exception {
    Process process = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xlog:class+load=info",
            "-cp", System.getProperty("java.class.path"),
            EnvflowMain.class.getName(), "schema"))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
    assertThat(output).doesNotContain("org.springframework.boot.SpringApplication ", "org.springframework.context.");
  }
}
