package io.lethe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.cli.OutputOptions.Column;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lethe keys status|rotate}: the key-encryption key and the subject keys it wraps. */
@Command(name = "keys", description = "The key-encryption key (KEK): versions and rotation.",
    subcommands = {KeysCommand.Status.class, KeysCommand.Rotate.class})
final class KeysCommand {

  private KeysCommand() {}

  @Command(name = "status", description = "KEK versions, and how many subject keys are still"
      + " wrapped by an older one (needs keys:read).")
  static final class Status extends LetheCommand {
    @Mixin OutputOptions output;

    @Override
    int run() {
      JsonNode status = api().get("/v1/keys");
      output.single(out(), status, List.of(Column.of("current version", "currentVersion"),
          Column.of("min decryption version", "minDecryptionVersion"),
          Column.of("subject keys on older versions", "subjectKeysOnOlderVersions")),
          root().env);
      return ExitCodes.OK;
    }
  }

  @Command(name = "rotate", description = "Add a KEK version and rewrap every subject key under"
      + " it in the background, no data decrypted (needs keys:rotate). With --wait, follow the"
      + " rewrap; the exit code then says whether it succeeded (0) or failed (1).")
  static final class Rotate extends LetheCommand {
    @Option(names = "--wait", description = "Follow the rewrap until it ends.") boolean await;
    @Option(names = "--poll-interval", paramLabel = "MILLIS", defaultValue = "500", hidden = true)
    long pollMillis;
    @Mixin OutputOptions output;

    @Override
    int run() throws InterruptedException {
      ApiClient api = api();
      JsonNode started = api.post("/v1/keys/rotation", null);
      String runId = started.path("runId").asText();
      if (!await) {
        if (output.format == OutputOptions.Format.json) {
          out().println(OutputOptions.pretty(started));
        } else {
          out().println("Rotated to KEK version " + started.path("kekVersion").asText()
              + "; rewrapping subject keys: run " + runId);
        }
        out().flush();
        return ExitCodes.OK;
      }
      return JobsCommand.follow(this, api, runId, output, pollMillis);
    }
  }
}
