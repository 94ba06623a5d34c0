package io.lethe.storage;

import java.util.Objects;

/**
 * The one unchecked exception of storage-core. Its message is written for operators and never
 * contains a field value, a key or a passphrase: validation errors name the field and the rule,
 * crypto errors say nothing beyond their code.
 */
public class StorageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final StorageErrorCode code;

  public StorageException(StorageErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * With a cause, for failures of the platform (I/O, JDBC). Callers must not pass a cause whose
   * message could hold a value; crypto failures are thrown without their cause on purpose.
   */
  public StorageException(StorageErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public StorageErrorCode code() {
    return code;
  }

  @Override
  public String getMessage() {
    return code.code() + ": " + super.getMessage();
  }
}
