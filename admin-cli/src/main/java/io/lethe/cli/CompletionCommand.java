package io.lethe.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code source <(lethe completion)} in bash, {@code source <(lethe completion zsh)} in zsh. The
 * zsh script is the bash one behind zsh's bashcompinit, which picocli's script enables itself.
 */
@Command(name = "completion", description = {"Print the shell completion script.",
    "bash: source <(lethe completion bash)   (e.g. in ~/.bashrc)",
    "zsh:  source <(lethe completion zsh)    (e.g. in ~/.zshrc)"})
final class CompletionCommand extends LetheCommand {

  enum Shell { bash, zsh }

  @Parameters(paramLabel = "SHELL", arity = "0..1", defaultValue = "bash",
      description = "bash or zsh (default: ${DEFAULT-VALUE}).")
  Shell shell = Shell.bash;

  @Override
  int run() {
    if (shell == Shell.zsh) {
      out().println("#compdef lethe");
      out().println("# zsh completion for lethe: source <(lethe completion zsh)");
      out().println("autoload -U +X compinit && compinit");
      out().println("autoload -U +X bashcompinit && bashcompinit");
    }
    out().print(AutoComplete.bash("lethe", spec.root().commandLine()));
    out().flush();
    return ExitCodes.OK;
  }
}
