package dev.envflow.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envflow.worker.EnvflowSpringTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import picocli.CommandLine;

/** The client commands against a running envflow: exit codes, output, and what they print for people. */
class CliClientTest extends EnvflowSpringTest {

  @LocalServerPort int port;
  @TempDir Path files;

  record Run(int exit, String out, String err) {}

  private Run envflow(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EnvflowMain());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] withServer = new String[args.length + 2];
    System.arraycopy(args, 0, withServer, 0, args.length);
    withServer[args.length] = "--server";
    withServer[args.length + 1] = "http://127.0.0.1:" + port;
    int exit = cli.execute(withServer);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void planShowsTheResourcesAndCostAndCreatesNothing() {
    Run plan = envflow("plan", "../examples/synckairos-local.json");

    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("env-synckairos-staging", "REDIS_USER", "POSTGRES_DATABASE", "estimated monthly cost: $0");
    assertThat(envflow("list").out()).doesNotContain("env-synckairos-staging");
  }

  @Test
  void provisionOfABadSpecListsEveryProblemAndExitsWithTwo() throws Exception {
    Path bad = files.resolve("bad.json");
    Files.writeString(bad, "{\"app\": \"Bad App\", \"redis\": {\"provider\": \"upstsh\"}}");

    Run run = envflow("provision", bad.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("app:", "environment:", "redis.provider:");
  }

  @Test
  void provisionFollowStatusAndTeardownRoundTrip() throws Exception {
    Path spec = files.resolve("cli.json");
    Files.writeString(spec, Files.readString(Path.of("../examples/synckairos-local.json"))
        .replace("\"staging\"", "\"cli\"").replace("synckairos-staging", "synckairos-cli"));

    Run provision = envflow("provision", spec.toString(), "--follow");
    assertThat(provision.exit()).as(provision.out() + provision.err()).isZero();
    assertThat(provision.out()).contains("postgres.migrate", "== ACTIVE");

    Run status = envflow("status", "env-synckairos-cli", "--json");
    assertThat(status.exit()).isZero();
    assertThat(status.out()).contains("\"name\" : \"synckairos-cli\"", "POSTGRES_DATABASE", "REDIS_USER");

    assertThat(envflow("list").out()).contains("env-synckairos-cli");
    Run teardown = envflow("teardown", "env-synckairos-cli");
    assertThat(teardown.exit()).as(teardown.err()).isZero();
  }

  @Test
  void unknownEnvironmentAndRefusedApprovalExitNonZeroWithTheReason() {
    Run status = envflow("status", "env-nope-nope");
    assertThat(status.exit()).isNotZero();
    assertThat(status.err()).contains("no environment env-nope-nope");

    Run approve = envflow("approve", "env-nope-nope", "--as", "ana@example.com");
    assertThat(approve.exit()).isNotZero();
    assertThat(approve.err()).contains("env-nope-nope");
  }

  @Test
  void aServerThatIsNotRunningIsSaidPlainly() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EnvflowMain());
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("list", "--server", "http://127.0.0.1:1");

    assertThat(exit).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(err.toString()).contains("envflow is not running at http://127.0.0.1:1");
  }
}
