package dev.envflow.worker.cli;

import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/** The names of envflow's subcommands ({@code status}, {@code token create}, ...), for tests of the docs. */
public final class EnvflowCommands {

  private EnvflowCommands() {}

  public static Set<String> names() {
    Set<String> names = new TreeSet<>();
    new CommandLine(new EnvflowMain()).getSubcommands().forEach((name, command) -> {
      names.add(name);
      command.getSubcommands().keySet().forEach(sub -> names.add(name + " " + sub));
    });
    return names;
  }
}
