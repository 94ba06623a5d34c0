package io.lethe.storage.schema;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.util.List;
import java.util.stream.Collectors;

/** A schema that does not load, with every problem found, not only the first. */
public final class SchemaException extends StorageException {

  private static final long serialVersionUID = 1L;

  private final transient List<SchemaProblem> problems;

  SchemaException(String source, List<SchemaProblem> problems) {
    super(StorageErrorCode.SCHEMA_INVALID, "schema " + source + " has " + problems.size()
        + " problem(s):" + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining()));
    this.problems = List.copyOf(problems);
  }

  public List<SchemaProblem> problems() {
    return problems;
  }
}
