package dev.envflow.worker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code envflow token create|list|revoke}: API tokens, managed by an admin. */
@Command(name = "token", description = "Creates, lists and revokes API tokens (admin).",
    subcommands = {TokenCommands.Create.class, TokenCommands.ListTokens.class, TokenCommands.Revoke.class})
final class TokenCommands implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "create", description = "Creates a token for USER with the given roles; prints it once.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientCommands.Common common;
    @Option(names = "--user", required = true, description = "who the token is for, e.g. ana@example.com") String user;
    @Option(names = "--role", required = true, description = "viewer, requester, approver, admin or codec (repeatable)")
    List<String> roles;

    @Override
    public Integer call() {
      return common.run(() -> {
        ApiClient api = common.client();
        ObjectNode body = api.json().createObjectNode().put("user", user);
        roles.forEach(body.putArray("roles")::add);
        ApiClient.Answer answer = api.post("/api/tokens", api.json().writeValueAsString(body));
        if (!answer.ok()) {
          return common.refused(answer);
        }
        common.out().println(answer.body().path("token").asText());
        common.err().println("token for " + user + " (" + String.join(", ", roles) + "); it is shown only now —"
            + " give it to " + user + " as ENVFLOW_TOKEN");
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "list", description = "Lists users with tokens and their roles (never the tokens).")
  static final class ListTokens implements Callable<Integer> {
    @Mixin ClientCommands.Common common;

    @Override
    public Integer call() {
      return common.run(() -> {
        ApiClient.Answer answer = common.client().get("/api/tokens");
        if (!answer.ok()) {
          return common.refused(answer);
        }
        common.out().printf("%-32s %-28s %s%n", "USER", "ROLES", "CREATED");
        for (JsonNode token : answer.body().path("tokens")) {
          List<String> names = new java.util.ArrayList<>();
          token.path("roles").forEach(role -> names.add(role.asText()));
          common.out().printf("%-32s %-28s %s by %s%n", token.path("user").asText(), String.join(",", names),
              token.path("createdAt").asText(), token.path("createdBy").asText());
        }
        return ExitCodes.OK;
      });
    }
  }

  @Command(name = "revoke", description = "Revokes USER's token.")
  static final class Revoke implements Callable<Integer> {
    @Mixin ClientCommands.Common common;
    @Parameters(paramLabel = "USER") String user;

    @Override
    public Integer call() {
      return common.run(() -> {
        ApiClient.Answer answer = common.client().delete("/api/tokens/" + URLEncoder.encode(user, StandardCharsets.UTF_8));
        if (!answer.ok()) {
          return common.refused(answer);
        }
        common.out().println(answer.body().path("message").asText("revoked"));
        return ExitCodes.OK;
      });
    }
  }
}
