package io.lethe.cli;

import io.lethe.storage.StorageException;
import io.lethe.storage.schema.Schema;
import io.lethe.storage.schema.SchemaException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lethe schema validate FILE}: offline, with the loader the server itself uses. */
@Command(name = "schema", description = "Record-type schema files.",
    subcommands = SchemaCommand.Validate.class)
final class SchemaCommand {

  private SchemaCommand() {}

  @Command(name = "validate", description = "Check a schema file as the server would; print"
      + " every problem with its line and field. No server needed. Exit 2 when invalid.")
  static final class Validate extends LetheCommand {
    @Parameters(paramLabel = "FILE") Path file;

    @Override
    int run() {
      try {
        Schema schema = Schema.load(file);
        out().println(file + ": valid, " + schema.recordTypes().size() + " record type(s): "
            + String.join(", ", schema.recordTypes().keySet()));
        return ExitCodes.OK;
      } catch (SchemaException e) {
        e.problems().forEach(p -> err().println(p));
        err().println(file + ": " + e.problems().size() + " problem(s)");
        err().flush();
        return ExitCodes.USAGE;
      } catch (StorageException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }
}
