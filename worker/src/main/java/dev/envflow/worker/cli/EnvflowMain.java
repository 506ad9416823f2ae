package dev.envflow.worker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code envflow} command. {@code up} and {@code serve} boot the Spring application; {@code dev-server} runs a
 * development Temporal server without Spring; every other subcommand is a thin HTTP client of a running service and
 * never loads Spring, so it answers at once.
 */
@Command(
    name = "envflow",
    mixinStandardHelpOptions = true,
    version = "envflow 0.1.0",
    description = "Provisions whole application environments as durable Temporal workflows.",
    subcommands = {
      UpCommand.class,
      ServeCommand.class,
      DevServerCommand.class,
      ClientCommands.Provision.class,
      ClientCommands.Plan.class,
      ClientCommands.Status.class,
      ClientCommands.Approve.class,
      ClientCommands.Reject.class,
      ClientCommands.Teardown.class,
      ClientCommands.ListEnvironments.class,
      ClientCommands.Providers.class,
      ClientCommands.Audit.class,
      TokenCommands.class,
      SweepCommand.class,
      SchemaCommand.class
    })
public final class EnvflowMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int exit = new CommandLine(new EnvflowMain()).execute(args);
    if (exit != 0 || !ServerMode.isRunning()) {
      System.exit(exit);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
