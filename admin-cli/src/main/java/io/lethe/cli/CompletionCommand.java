package io.lethe.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code source <(lethe completion)} in bash or zsh (with bashcompinit). */
@Command(name = "completion", description = "Print the bash/zsh completion script:"
    + " source <(lethe completion)")
final class CompletionCommand extends LetheCommand {

  @Override
  int run() {
    out().print(AutoComplete.bash("lethe", spec.root().commandLine()));
    out().flush();
    return ExitCodes.OK;
  }
}
