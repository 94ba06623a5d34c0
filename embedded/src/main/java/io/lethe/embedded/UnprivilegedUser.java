package io.lethe.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Elasticsearch refuses to run as root. When this JVM is root, the node runs as a dedicated
 * system user, created on first use.
 */
final class UnprivilegedUser {

  static final String NAME = "lethe-es";

  private UnprivilegedUser() {}

  static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Creates the user if it does not exist yet. */
  static void ensureExists() {
    if (run("id", "-u", NAME) == 0) {
      return;
    }
    int status = run("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
        "--shell", "/usr/sbin/nologin", NAME);
    // 9: the user appeared meanwhile (another JVM created it).
    if (status != 0 && status != 9) {
      throw new EmbeddedServerException("Could not create the system user " + NAME
          + " that runs Elasticsearch (useradd exit " + status + "). Create it by hand "
          + "or run the tests as an unprivileged user.", null);
    }
  }

  static void takeOwnership(Path directory) {
    int status = run("chown", "-R", NAME + ":" + NAME, directory.toString());
    if (status != 0) {
      throw new EmbeddedServerException("Could not hand " + directory + " to " + NAME, null);
    }
  }

  /** The command prefix that runs a program as the user, exec'ing it without a shell. */
  static List<String> asUser(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + NAME, "--regid=" + NAME,
        "--init-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static int run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
