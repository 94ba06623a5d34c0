package io.lethe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.cli.OutputOptions.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lethe principals create|list|revoke}: API principals (needs principals:manage). */
@Command(name = "principals", description = "API principals: services, admins, responders.",
    subcommands = {PrincipalsCommand.Create.class, PrincipalsCommand.ListPrincipals.class,
        PrincipalsCommand.Revoke.class})
final class PrincipalsCommand {

  private PrincipalsCommand() {}

  @Command(name = "create", description = "Create a principal. Its API key is printed once, alone"
      + " on standard output (KEY=$(lethe principals create ...)); it is not stored and cannot be"
      + " shown again. Exit 2 for an unknown role, a malformed permission or a taken name.")
  static final class Create extends LetheCommand {
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--role", paramLabel = "ROLE", required = true,
        description = "A configured role (built in: admin, service, dpo, responder); repeatable.")
    List<String> roles;
    @Option(names = "--permission", paramLabel = "PERMISSION",
        description = "An extra Shiro wildcard permission, e.g. records:read:identity:"
            + "account-management; repeatable.")
    List<String> permissions;

    @Override
    int run() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("roles", roles);
      if (permissions != null) {
        body.put("permissions", permissions);
      }
      JsonNode created = api().post("/v1/principals", body);
      out().println(created.path("apiKey").asText());
      out().flush();
      err().println("Created principal " + name + " (" + created.path("id").asText() + "). Its"
          + " API key is above, on standard output only; it cannot be shown again.");
      err().flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", description = "Every principal, revoked ones included; never a key.")
  static final class ListPrincipals extends LetheCommand {
    @Mixin OutputOptions output;

    @Override
    int run() {
      JsonNode principals = api().get("/v1/principals");
      output.list(out(), principals, principals, List.of(Column.of("id", "id"),
          Column.of("name", "name"), new Column("roles", p -> join(p.path("roles"))),
          new Column("extra permissions", p -> join(p.path("permissions"))),
          Column.time("created", "createdAt"), Column.time("revoked", "revokedAt")), root().env);
      return ExitCodes.OK;
    }

    private static String join(JsonNode array) {
      List<String> items = new java.util.ArrayList<>();
      array.forEach(n -> items.add(n.asText()));
      return String.join(" ", items);
    }
  }

  @Command(name = "revoke", description = "Revoke a principal's key at once. Exit 3 if no active"
      + " principal has this id.")
  static final class Revoke extends LetheCommand {
    @Parameters(paramLabel = "ID") String id;

    @Override
    int run() {
      api().delete("/v1/principals/" + ApiClient.segment(id));
      out().println("Principal " + id + " revoked.");
      out().flush();
      return ExitCodes.OK;
    }
  }
}
