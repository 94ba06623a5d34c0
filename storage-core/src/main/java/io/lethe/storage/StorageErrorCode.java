package io.lethe.storage;

/**
 * Stable, dotted error codes. Callers (the REST layer, the CLI's exit-code mapper) switch over
 * this enum exhaustively, so a new code cannot ship unmapped; the dotted form is what appears in
 * problem details and logs and must never change once released.
 */
public enum StorageErrorCode {
  /** A field value failed validation for its declared type. */
  FIELD_INVALID("storage.field.invalid"),
  /** A field name that the record type does not declare. */
  FIELD_UNKNOWN("storage.field.unknown"),
  /** A required field is absent or blank. */
  FIELD_MISSING("storage.field.missing"),
  /** A record type that the schema does not declare. */
  RECORD_TYPE_UNKNOWN("storage.record-type.unknown"),
  RECORD_NOT_FOUND("storage.record.not-found"),
  SUBJECT_NOT_FOUND("storage.subject.not-found"),
  /** The subject's account is suspended: its data is neither written nor read. */
  SUBJECT_SUSPENDED("storage.subject.suspended"),
  /**
   * The subject's account is closed and waits for the retention policy to delete it: nothing new
   * is written to it until it is reopened; its data is still read.
   */
  SUBJECT_CLOSED("storage.subject.closed"),
  /** The subject was erased and its key destroyed: its data can never be read again. */
  SUBJECT_ERASED("storage.subject.erased"),
  /** A subject status change that the state table does not allow. */
  SUBJECT_TRANSITION_INVALID("storage.subject.transition-invalid"),
  PURPOSE_UNKNOWN("storage.purpose.unknown"),
  /** The key (or key version) needed is unknown, retired or destroyed. */
  KEY_UNAVAILABLE("storage.key.unavailable"),
  /** A KEK name that is not configured (migration to another KEK). */
  KEK_UNKNOWN("storage.key.kek-unknown"),
  /** A wrapped key failed authentication: altered, or wrapped by another keyring. */
  KEY_UNWRAP_FAILED("storage.key.unwrap-failed"),
  /** The keyring file could not be opened with the passphrase given (or was altered). */
  KEYRING_PASSPHRASE("storage.keyring.passphrase"),
  /** The keyring file is not a keyring this version can read. */
  KEYRING_CORRUPT("storage.keyring.corrupt"),
  /** The keyring file could not be read or written. */
  KEYRING_IO("storage.keyring.io"),
  /** A ciphertext failed to decrypt; deliberately carries no detail. */
  DECRYPT_FAILED("storage.decrypt.failed"),
  /** The platform's crypto provider failed in a way that is not the data's fault. */
  CRYPTO_UNAVAILABLE("storage.crypto.unavailable"),
  SCHEMA_INVALID("storage.schema.invalid"),
  DATABASE("storage.database"),
  /** A blind-index lookup on a field the schema does not declare {@code searchable}. */
  FIELD_NOT_SEARCHABLE("storage.field.not-searchable"),
  /** Vault answered "sealed": nothing can be wrapped or unwrapped until an operator unseals it. */
  VAULT_SEALED("storage.key.vault-sealed"),
  /** Vault could not be reached (connection refused, timeout, DNS): a network or outage problem. */
  VAULT_UNREACHABLE("storage.key.vault-unreachable"),
  /**
   * Vault refused the credentials or the request: the token is invalid or expired, the AppRole
   * login failed, or the token's policies lack a capability on the Transit path.
   */
  VAULT_DENIED("storage.key.vault-denied"),
  /** No object with this id, or it was deleted. */
  OBJECT_NOT_FOUND("storage.object.not-found"),
  /** The object store (S3) could not be reached or refused the request; nothing was recorded. */
  OBJECT_STORE_UNAVAILABLE("storage.object.store-unavailable"),
  /** The object's row exists but its content is gone from the bucket. */
  OBJECT_CONTENT_MISSING("storage.object.content-missing"),
  /** The content did not have the length the caller declared; nothing was recorded. */
  OBJECT_SIZE_MISMATCH("storage.object.size-mismatch"),
  /** The caller's content stream failed while it was read; nothing was recorded. */
  OBJECT_INPUT_FAILED("storage.object.input-failed"),
  /** Object metadata is not acceptable, e.g. a content type that is not a bare type/subtype. */
  OBJECT_INVALID("storage.object.invalid");

  private final String code;

  StorageErrorCode(String code) {
    this.code = code;
  }

  /** The stable dotted form, e.g. {@code storage.field.invalid}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
