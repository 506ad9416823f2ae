package dev.envflow.worker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code envflow schema}: prints the JSON Schema of the environment spec (docs/spec.schema.json, packed into the
 * jar), for editors to complete and check spec files. Reads the classpath only: no server, no Spring.
 */
@Command(name = "schema", description = "Prints the JSON Schema of the environment spec (for editors).")
final class SchemaCommand implements Callable<Integer> {

  static final String RESOURCE = "/schema/spec.schema.json";

  @Spec CommandSpec command;

  @Override
  public Integer call() throws IOException {
    try (InputStream schema = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
      if (schema == null) {
        command.commandLine().getErr().println("envflow: " + RESOURCE + " is missing from this build");
        return ExitCodes.FAILED;
      }
      command.commandLine().getOut().print(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
      command.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
