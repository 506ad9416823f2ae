package dev.envflow.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envflow.worker.EnvflowApplication;
import dev.envflow.worker.api.EnvironmentService;
import dev.envflow.worker.security.AdminToken;
import dev.envflow.worker.api.ApiException;
import dev.envflow.workflows.model.EnvironmentStatus;
import dev.envflow.workflows.model.Phase;
import dev.envflow.workflows.spec.ParsedSpec;
import dev.envflow.workflows.spec.SpecParser;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code envflow up FILE}: starts what this machine lacks (embedded Temporal, PostgreSQL, Redis), provisions
 * FILE with live progress, then keeps serving until Ctrl-C. Running it again adopts what already exists.
 */
@Command(name = "up", description = "Starts what is missing, provisions FILE with live progress, then keeps serving.")
final class UpCommand implements Callable<Integer> {

  private static final long POLL_MILLIS = 200;

  @Parameters(paramLabel = "FILE", description = "the environment spec (JSON), e.g. examples/synckairos-local.json")
  String file;

  @Option(names = "--exit", description = "exit once provisioning has ended (0 when ACTIVE) instead of serving")
  boolean exitWhenDone;

  private final PrintWriter out = new PrintWriter(System.out, true);

  @Override
  public Integer call() throws Exception {
    String text = ClientCommands.readSpec(file);
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(text);
    } catch (Exception e) {
      System.err.println("envflow: " + file + " is not valid JSON: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    ParsedSpec parsed = SpecParser.parse(json);
    if (!parsed.valid()) {
      System.err.println("envflow: " + file + " has problems; nothing was created:");
      parsed.errors().forEach(error -> System.err.println("  " + error));
      return ExitCodes.BAD_INPUT;
    }
    long start = System.nanoTime();
    out.println("envflow up " + file + " → " + parsed.spec().id());
    out.println("starting envflow (embedded Temporal, PostgreSQL and Redis where none is configured)…");
    SpringApplication application = new SpringApplication(EnvflowApplication.class);
    Map<String, Object> defaults = new java.util.HashMap<>(StartupProblems.QUIET_ANALYSIS);
    defaults.put("logging.threshold.console", "WARN");
    defaults.put("logging.file.name", "${envflow.state-dir}/envflow.log");
    application.setDefaultProperties(defaults);
    java.util.Optional<ConfigurableApplicationContext> started = StartupProblems.run(application);
    if (started.isEmpty()) {
      return ExitCodes.FAILED;
    }
    ConfigurableApplicationContext context = started.get();
    out.println("(the service's log is in " + context.getEnvironment().resolvePlaceholders("${envflow.state-dir}/envflow.log") + ")");
    out.printf("envflow ready in %s%n", StatusFormatter.seconds(millisSince(start)));
    context.getBean(AdminToken.class).file().ifPresent(file ->
        out.println("(the admin token for the CLI and the API is in " + file + ")"));
    EnvironmentService environments = context.getBean(EnvironmentService.class);
    long provisioningStart = System.nanoTime();
    String id = startOrFollow(environments, json, parsed.spec().id());
    Phase phase = follow(environments, id);
    out.printf("%s is %s after %s (provisioning took %s)%n",
        id, phase, StatusFormatter.seconds(millisSince(start)), StatusFormatter.seconds(millisSince(provisioningStart)));
    if (exitWhenDone) {
      context.close();
      return phase == Phase.ACTIVE ? ExitCodes.OK : ExitCodes.FAILED;
    }
    Environment env = context.getEnvironment();
    out.printf("serving the API on http://%s:%s — try `envflow status %s`; Ctrl-C to stop%n",
        env.getProperty("server.address", "127.0.0.1"), env.getProperty("local.server.port", "8080"), id);
    ServerMode.started();
    return ExitCodes.OK;
  }

  private String startOrFollow(EnvironmentService environments, JsonNode json, String id) {
    try {
      return environments.provision(json);
    } catch (ApiException e) {
      if (e.status() == 409) {
        out.println(id + " is already being provisioned; following it");
        return id;
      }
      throw e;
    }
  }

  private Phase follow(EnvironmentService environments, String id) throws InterruptedException {
    ProgressPrinter printer = new ProgressPrinter(out, "envflow token create --user NAME --role approver   # once, as admin\n"
        + "     ENVFLOW_TOKEN=<that token> envflow approve %s --reason '...'");
    while (true) {
      EnvironmentStatus status = environments.status(id);
      printer.update(status);
      if (status.phase().isFinal()) {
        StatusFormatter.describe(status).forEach(out::println);
        return status.phase();
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
