package dev.envflow.worker.cli;

import ch.qos.logback.classic.Level;
import dev.envflow.worker.embedded.LoopbackGrpcForwarder;
import dev.envflow.worker.embedded.NonStickyWorkflowTasks;
import io.temporal.testserver.TestServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code envflow dev-server}: the Java test server (real time) as a process of its own, answering on
 * {@code 127.0.0.1} only, so that workers ({@code TEMPORAL_ADDRESS=127.0.0.1:7233 envflow serve}) can be killed
 * and restarted while their workflows go on: it keeps workflows off workers' sticky queues
 * ({@link NonStickyWorkflowTasks}), which the test server would never give up on. The workflows live in this
 * process's memory: stopping it loses them. No Spring: it starts in about a second.
 */
@Command(name = "dev-server",
    description = "Runs a development Temporal server on 127.0.0.1 (workflows kept in its memory) until stopped.")
final class DevServerCommand implements Callable<Integer> {

  static final int DEFAULT_PORT = 7233;

  @Spec CommandSpec command;

  @Option(names = "--port", defaultValue = "" + DEFAULT_PORT, description = "the port on 127.0.0.1 (default: 7233)")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    quietLogging();
    PrintWriter out = command.commandLine().getOut();
    TestServer.InProcessTestServer server = TestServer.createServer(true);
    LoopbackGrpcForwarder listener;
    try {
      listener = LoopbackGrpcForwarder.start(port, server.getChannel(), NonStickyWorkflowTasks.rewrites());
    } catch (UncheckedIOException e) {
      server.close();
      command.commandLine().getErr().println("envflow: port " + port + " on 127.0.0.1 is taken (" + e.getCause().getMessage()
          + "); choose another with --port");
      return ExitCodes.FAILED;
    }
    InetSocketAddress address = listener.address();
    String target = address.getHostString() + ":" + address.getPort();
    out.println("envflow dev-server: Temporal (the Java test server) listens on " + target
        + " — loopback only, no authentication, namespace default.");
    out.println("Workflows live in this process's memory: stopping it loses every workflow, running or finished"
        + " (the inventory keeps what was created, so teardown still works). For development and tests only;"
        + " production runs against a real Temporal cluster.");
    out.println("Start workers against it: TEMPORAL_ADDRESS=" + target + " envflow serve");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      listener.close();
      server.close();
      stopped.countDown();
    }, "dev-server-stop"));
    ServerMode.started();
    stopped.await();
    return ExitCodes.OK;
  }

  /** Without Spring, logback would print every gRPC and test-server DEBUG line. */
  private static void quietLogging() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.WARN);
    }
  }
}
