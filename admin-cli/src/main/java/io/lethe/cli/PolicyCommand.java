package io.lethe.cli;

import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.policy.PolicyException;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.storage.StorageException;
import io.lethe.storage.schema.Schema;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lethe policy validate FILE [--schema FILE]}: offline, as the server loads it; {@code
 * lethe policy show}: the policy the server enforces.
 */
@Command(name = "policy", description = "Retention policies: the server's, and files to check.",
    subcommands = {PolicyCommand.Show.class, PolicyCommand.Validate.class})
final class PolicyCommand {

  private PolicyCommand() {}

  @Command(name = "show", description = "The retention policy the server enforces: per retention"
      + " class, how long, counted from what, and then delete or anonymize (needs schema:read).")
  static final class Show extends LetheCommand {
    @picocli.CommandLine.Mixin OutputOptions output;

    @Override
    int run() {
      com.fasterxml.jackson.databind.JsonNode policy = api().get("/v1/policies");
      java.util.List<com.fasterxml.jackson.databind.JsonNode> rows = new java.util.ArrayList<>();
      policy.path("retentionClasses").fields().forEachRemaining(e -> rows.add(
          ((com.fasterxml.jackson.databind.node.ObjectNode) e.getValue().deepCopy())
              .put("retentionClass", e.getKey())));
      if (output.format == OutputOptions.Format.table) {
        out().println("policy version " + policy.path("version").asText());
      }
      output.list(out(), policy, rows, java.util.List.of(
          OutputOptions.Column.of("retention class", "retentionClass"),
          OutputOptions.Column.of("period", "period"),
          OutputOptions.Column.of("counted from", "countedFrom"),
          OutputOptions.Column.of("action", "action")), root().env);
      return ExitCodes.OK;
    }
  }

  @Command(name = "validate", description = "Check a retention policy as the server would,"
      + " including that it covers every retention class of the schema (the built-in one unless"
      + " --schema). No server needed. Exit 2 when invalid.")
  static final class Validate extends LetheCommand {
    @Parameters(paramLabel = "FILE") Path file;
    @Option(names = "--schema", paramLabel = "FILE") Path schemaFile;

    @Override
    int run() {
      RetentionPolicy policy;
      try {
        policy = RetentionPolicy.load(file);
      } catch (PolicyException e) {
        e.problems().forEach(p -> err().println(p));
        err().println(file + ": " + e.problems().size() + " problem(s)");
        err().flush();
        return ExitCodes.USAGE;
      } catch (LifecycleException e) {
        throw new UsageException(e.getMessage());
      }
      Schema schema;
      try {
        schema = schemaFile == null ? Schema.defaultSchema() : Schema.load(schemaFile);
      } catch (StorageException e) {
        throw new UsageException("the schema does not load; run 'lethe schema validate "
            + schemaFile + "'");
      }
      try {
        policy.validateAgainst(schema);
      } catch (LifecycleException e) {
        err().println(file + ": " + e.getMessage());
        err().flush();
        return ExitCodes.USAGE;
      }
      Set<String> classes = policy.rules().keySet();
      out().println(file + ": valid, version " + policy.version() + ", " + classes.size()
          + " retention class(es): " + String.join(", ", classes));
      return ExitCodes.OK;
    }
  }
}
