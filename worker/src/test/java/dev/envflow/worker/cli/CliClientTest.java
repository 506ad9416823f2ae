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
    return envflowAs(ADMIN_TOKEN, args);
  }

  private Run envflowAs(String token, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new EnvflowMain());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] withServer = new String[args.length + 4];
    System.arraycopy(args, 0, withServer, 0, args.length);
    withServer[args.length] = "--server";
    withServer[args.length + 1] = "http://127.0.0.1:" + port;
    withServer[args.length + 2] = "--token";
    withServer[args.length + 3] = token;
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
  void tokensAreCreatedOnceListedWithoutTheTokenAndRevoked() {
    Run create = envflow("token", "create", "--user", "viewer-cli@example.com", "--role", "viewer");
    assertThat(create.exit()).as(create.err()).isZero();
    String token = create.out().strip();
    assertThat(token).startsWith("efw_");

    assertThat(envflowAs(token, "list").exit()).isZero();
    Run listed = envflow("token", "list");
    assertThat(listed.out()).contains("viewer-cli@example.com", "viewer").doesNotContain(token);
    Run notAllowed = envflowAs(token, "teardown", "env-anything");
    assertThat(notAllowed.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(notAllowed.err()).contains("needs the role requester");

    assertThat(envflow("token", "revoke", "viewer-cli@example.com").exit()).isZero();
    Run revoked = envflowAs(token, "list");
    assertThat(revoked.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(revoked.err()).contains("authentication required");
  }

  @Test
  void providersListsWhatThisWorkerServes() {
    Run providers = envflow("providers");

    assertThat(providers.exit()).as(providers.err()).isZero();
    assertThat(providers.out()).contains("redis", "postgres", "local", "yes");
  }

  @Test
  void unknownEnvironmentAndRefusedApprovalExitNonZeroWithTheReason() {
    Run status = envflow("status", "env-nope-nope");
    assertThat(status.exit()).isNotZero();
    assertThat(status.err()).contains("no environment env-nope-nope");

    Run approve = envflow("approve", "env-nope-nope");
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
