package dev.envflow.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envflow.workflows.model.EnvironmentStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The client subcommands: each one HTTP call (or a short poll) against a running envflow. */
final class ClientCommands {

  private ClientCommands() {}

  /** Options and plumbing every client command shares. */
  static final class Common {
    @Option(
        names = "--server",
        description = "envflow's URL (default: $ENVFLOW_SERVER or http://localhost:8080)",
        defaultValue = "${env:ENVFLOW_SERVER:-http://localhost:8080}")
    String server;

    @Option(
        names = "--token",
        description = "API token (default: $ENVFLOW_TOKEN, else the admin token of a local envflow's state directory)",
        defaultValue = "${env:ENVFLOW_TOKEN}")
    String token;

    @Spec(Spec.Target.MIXEE) CommandSpec command;

    PrintWriter out() {
      return command.commandLine().getOut();
    }

    PrintWriter err() {
      return command.commandLine().getErr();
    }

    ApiClient client() {
      return new ApiClient(server, token != null && !token.isBlank() ? token : LocalAdminToken.forServer(server).orElse(null));
    }

    int run(Callable<Integer> body) {
      try {
        return body.call();
      } catch (ClientException e) {
        err().println("envflow: " + e.getMessage());
        return e.exitCode();
      } catch (Exception e) {
        err().println("envflow: " + e.getMessage());
        return ExitCodes.FAILED;
      }
    }

    /** Prints an error answer in plain words and returns the exit code for it. */
    int refused(ApiClient.Answer answer) {
      JsonNode errors = answer.body().path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        err().println("envflow: the request was refused:");
        for (JsonNode error : errors) {
          err().println("  " + (error.has("field") ? error.get("field").asText() + ": " + error.path("message").asText() : error.asText()));
        }
      } else {
        err().println("envflow: " + answer.body().path("message").asText(answer.body().path("error").asText("HTTP " + answer.status())));
      }
      return answer.status() == 400 ? ExitCodes.BAD_INPUT : answer.status() == 404 ? ExitCodes.FAILED : ExitCodes.REFUSED;
    }
  }

  static String readSpec(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ClientException("no such file: " + file, ExitCodes.BAD_INPUT);
    } catch (IOException e) {
      throw new ClientException("cannot read " + file + ": " + e.getMessage(), ExitCodes.BAD_INPUT);
    }
  }

  static String path(String id) {
    return "/api/environments/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  @Command(name = "provision", description = "Starts provisioning the environment described in FILE.")
  static final class Provision implements Callable<Integer> {
    @Mixin Common common;
    @Parameters(paramLabel = "FILE", description = "the environment spec (JSON)") String file;
    @Option(names = "--follow", description = "show progress until the environment is ACTIVE or rolled back") boolean follow;

    @Override
    public Integer call() {
      return common.run(() -> {
        ApiClient api = common.client();
        ApiClient.Answer answer = api.post("/api/environments", readSpec(file));
        if (!answer.ok()) {
          return common.refused(answer);
        }
        String id = answer.body().path("id").asText();
        common.out().println("started " + id + " — follow it with: envflow status " + id);
        if (!follow) {
          return ExitCodes.OK;
        }
        return new StatusFollower(api, common.out()).follow(id);
      });
    }
  }

  @Command(name = "plan", description = "Shows what provisioning FILE would create and cost; creates nothing.")
  static final class Plan implements Callable<Integer> {
    @Mixin Common common;
    @Parameters(paramLabel = "FILE") String file;

    @Override
    public Integer call() {
      return common.run(() -> {
        ApiClient.Answer answer = common.client().post("/api/environments?dryRun=true", readSpec(file));
        if (!answer.ok()) {
          return common.refused(answer);
        }
        PlanFormatter.print(answer.body(), common.out());
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "status", description = "Shows an environment's phase, steps, resources and approval state.")
  static final class Status implements Callable<Integer> {
    @Mixin Common common;
    @Parameters(paramLabel = "ID", description = "environment id, e.g. env-synckairos-staging") String id;
    @Option(names = "--json", description = "print the raw JSON") boolean asJson;

    @Override
    public Integer call() {
      return common.run(() -> {
        ApiClient api = common.client();
        ApiClient.Answer answer = api.get(path(id));
        if (!answer.ok()) {
          return common.refused(answer);
        }
        if (asJson) {
          common.out().println(api.json().writerWithDefaultPrettyPrinter().writeValueAsString(answer.body()));
        } else {
          EnvironmentStatus status = api.json().treeToValue(answer.body(), EnvironmentStatus.class);
          StatusFormatter.describe(status).forEach(common.out()::println);
        }
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "approve", description = "Approves a production rollout waiting for approval.")
  static final class Approve implements Callable<Integer> {
    @Mixin Common common;
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--as", description = "who approves: must be the token's user (default: the token's user)") String by;
    @Option(names = "--reason", defaultValue = "", description = "why") String reason;

    @Override
    public Integer call() {
      return common.run(() -> decide(common, id, "approve", by, reason));
    }
  }

  @Command(name = "reject", description = "Rejects a rollout waiting for approval; everything created is rolled back.")
  static final class Reject implements Callable<Integer> {
    @Mixin Common common;
    @Parameters(paramLabel = "ID") String id;
    @Option(names = "--as", description = "who rejects: must be the token's user (default: the token's user)") String by;
    @Option(names = "--reason", required = true, description = "why") String reason;

    @Override
    public Integer call() {
      return common.run(() -> decide(common, id, "reject", by, reason));
    }
  }

  private static int decide(Common common, String id, String action, String by, String reason) throws IOException {
    ApiClient api = common.client();
    ObjectNode body = api.json().createObjectNode().put("reason", reason);
    if (by != null && !by.isBlank()) {
      body.put("by", by);
    }
    ApiClient.Answer answer = api.post(path(id) + "/" + action, api.json().writeValueAsString(body));
    if (!answer.ok()) {
      return common.refused(answer);
    }
    common.out().println(answer.body().path("message").asText(action + "d " + id));
    return ExitCodes.OK;
  }

  @Command(name = "teardown", description = "Deletes everything an environment is made of.")
  static final class Teardown implements Callable<Integer> {
    @Mixin Common common;
    @Parameters(paramLabel = "ID") String id;

    @Override
    public Integer call() {
      return common.run(() -> {
        ApiClient.Answer answer = common.client().delete(path(id));
        if (!answer.ok()) {
          return common.refused(answer);
        }
        common.out().println(answer.body().path("message").asText("teardown of " + id + " started"));
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "list", description = "Lists the environments in envflow's inventory.")
  static final class ListEnvironments implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(() -> {
        ApiClient.Answer answer = common.client().get("/api/environments");
        if (!answer.ok()) {
          return common.refused(answer);
        }
        JsonNode environments = answer.body().path("environments");
        if (environments.isEmpty()) {
          common.out().println("no environments");
          return ExitCodes.OK;
        }
        common.out().printf("%-40s %-18s %-16s %s%n", "ID", "PHASE", "TIER", "UPDATED");
        for (JsonNode env : environments) {
          common.out().printf("%-40s %-18s %-16s %s%n",
              env.path("id").asText(), env.path("phase").asText(), env.path("tier").asText(), env.path("updatedAt").asText());
        }
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "providers", description = "Lists the providers this envflow can serve, and why not for the others.")
  static final class Providers implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(() -> {
        ApiClient.Answer answer = common.client().get("/api/providers");
        if (!answer.ok()) {
          return common.refused(answer);
        }
        common.out().printf("%-11s %-13s %-10s %s%n", "KIND", "PROVIDER", "AVAILABLE", "WHY NOT");
        for (JsonNode provider : answer.body().path("providers")) {
          String name = provider.path("provider").asText() + (provider.path("beta").asBoolean() ? " (beta)" : "");
          common.out().printf("%-11s %-13s %-10s %s%n", provider.path("kind").asText(), name,
              provider.path("available").asBoolean() ? "yes" : "no", provider.path("reason").asText());
        }
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "audit", description = "Shows who requested, approved, rejected and tore down an environment, and when.")
  static final class Audit implements Callable<Integer> {
    @Mixin Common common;
    @Parameters(paramLabel = "ID") String id;

    @Override
    public Integer call() {
      return common.run(() -> {
        ApiClient.Answer answer = common.client().get(path(id) + "/audit");
        if (!answer.ok()) {
          return common.refused(answer);
        }
        for (JsonNode entry : answer.body()) {
          String reason = entry.path("reason").asText("");
          common.out().printf("%-30s %-16s %-24s %s%n", entry.path("at").asText(), entry.path("action").asText(),
              entry.path("actor").asText(""), "null".equals(reason) ? "" : reason);
        }
        return ExitCodes.OK;
      });
    }
  }
}
