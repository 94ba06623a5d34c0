package io.lethe.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Stores the server URL and an API key in the config file (0600). The key is read from the
 * terminal without echo, or from the first line of standard input when piped
 * ({@code lethe login < key-file}); never from an argument.
 */
@Command(name = "login", description = "Save the server URL and an API key (read from a prompt or"
    + " standard input) in the config file, mode 0600.")
final class LoginCommand extends LetheCommand {

  @Option(names = "--no-verify", description = "Do not check the key against the server first.")
  boolean noVerify;

  @Override
  int run() throws Exception {
    Lethe root = root();
    String url = root.serverUrl();
    String key = readKey(root);
    if (key.isEmpty()) {
      throw new UsageException("no API key given on standard input");
    }
    if (!noVerify) {
      try {
        new ApiClient(url, key).get("/v1/jobs");
      } catch (ApiException e) {
        // 403: the key is valid, only not allowed to list jobs; 401 is a wrong key.
        if (e.status() == 401) {
          throw e;
        }
      }
    }
    java.nio.file.Path file = CliConfig.location(root.env);
    CliConfig.write(file, url, key);
    out().println("Logged in to " + url + "; settings saved in " + file);
    out().flush();
    return ExitCodes.OK;
  }

  private static String readKey(Lethe root) throws java.io.IOException {
    Console console = System.console();
    if (console != null && root.stdin == System.in) {
      char[] typed = console.readPassword("API key: ");
      return typed == null ? "" : new String(typed).trim();
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(root.stdin,
        StandardCharsets.UTF_8));
    String line = in.readLine();
    return line == null ? "" : line.trim();
  }
}
