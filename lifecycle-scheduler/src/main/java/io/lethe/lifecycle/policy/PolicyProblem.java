package io.lethe.lifecycle.policy;

import java.util.Objects;

/**
 * One thing wrong with a policy file: where ({@code source:line}, 1-based, and the retention
 * class it is in) and what.
 *
 * @param retentionClass the class the problem is in; empty for problems outside any class (the
 *     version, the document's structure)
 */
public record PolicyProblem(String source, int line, String retentionClass, String message) {

  public PolicyProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(retentionClass, "retentionClass");
    Objects.requireNonNull(message, "message");
    if (line < 1) {
      throw new IllegalArgumentException("line is 1-based");
    }
  }

  @Override
  public String toString() {
    return source + ":" + line + (retentionClass.isEmpty() ? "" : " [" + retentionClass + "]")
        + " " + message;
  }
}
