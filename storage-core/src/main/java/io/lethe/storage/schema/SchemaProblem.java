package io.lethe.storage.schema;

/**
 * One thing wrong with a schema file: where ({@code source:line}, 1-based, and the dotted path of
 * the offending node) and what.
 */
public record SchemaProblem(String source, int line, String path, String message) {

  @Override
  public String toString() {
    return source + ":" + line + " " + path + ": " + message;
  }
}
