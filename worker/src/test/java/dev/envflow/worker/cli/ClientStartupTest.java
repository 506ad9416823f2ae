package dev.envflow.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Client commands must answer at once: they must never load the server's Spring context. */
class ClientStartupTest {

  @Test
  void aClientCommandLoadsNoSpringClasses() throws Exception {
    Process process = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xlog:class+load=info",
            "-cp", System.getProperty("java.class.path"),
            EnvflowMain.class.getName(), "list", "--server", "http://127.0.0.1:1"))
        .redirectErrorStream(true)
        .start();
    String output = readAll(process);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(output).contains("envflow is not running");
    assertThat(output).contains(EnvflowMain.class.getName());
    assertThat(output).doesNotContain("org.springframework.boot.SpringApplication ", "org.springframework.context.");
  }

  private static String readAll(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
