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

/** {@code lethe policy validate FILE [--schema FILE]}: offline, as the server loads it. */
@Command(name = "policy", description = "Retention policy files.",
    subcommands = PolicyCommand.Validate.class)
final class PolicyCommand {

  private PolicyCommand() {}

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
