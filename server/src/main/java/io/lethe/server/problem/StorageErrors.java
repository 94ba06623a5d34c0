package io.lethe.server.problem;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** HTTP status and title of each storage error; exhaustive, so a new code cannot ship unmapped. */
final class StorageErrors {

  private StorageErrors() {}

  static HttpStatus status(StorageErrorCode code) {
    return switch (code) {
      case FIELD_INVALID, FIELD_UNKNOWN, FIELD_MISSING, FIELD_NOT_SEARCHABLE, RECORD_TYPE_UNKNOWN,
          PURPOSE_UNKNOWN, OBJECT_INVALID, OBJECT_SIZE_MISMATCH, KEK_UNKNOWN ->
          HttpStatus.UNPROCESSABLE_CONTENT;
      case OBJECT_INPUT_FAILED -> HttpStatus.BAD_REQUEST;
      case RECORD_NOT_FOUND, SUBJECT_NOT_FOUND, OBJECT_NOT_FOUND -> HttpStatus.NOT_FOUND;
      case SUBJECT_SUSPENDED, SUBJECT_CLOSED, SUBJECT_TRANSITION_INVALID -> HttpStatus.CONFLICT;
      case SUBJECT_ERASED -> HttpStatus.GONE;
      case KEY_UNAVAILABLE, KEYRING_IO, DATABASE, CRYPTO_UNAVAILABLE, VAULT_SEALED, VAULT_UNREACHABLE,
          OBJECT_STORE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
      case KEY_UNWRAP_FAILED, KEYRING_PASSPHRASE, KEYRING_CORRUPT, DECRYPT_FAILED, SCHEMA_INVALID,
          VAULT_DENIED, OBJECT_CONTENT_MISSING -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }

  /**
   * What the caller is told. Messages that quote the caller's own input (a purpose, record type
   * or field name it made up) are replaced, so that no response echoes what was sent.
   */
  static String detail(StorageException e) {
    return switch (e.code()) {
      case PURPOSE_UNKNOWN -> "The purpose is not declared in the schema; GET /v1/schema lists "
          + "the purposes.";
      case RECORD_TYPE_UNKNOWN -> "The record type is not in the schema; GET /v1/schema lists "
          + "the record types.";
      case FIELD_UNKNOWN -> "The record type has no such field; GET /v1/schema lists its fields.";
      default -> e.getMessage().replaceFirst("^" + Pattern.quote(e.code().code()) + ":\\s*", "");
    };
  }

  static String title(StorageErrorCode code) {
    return switch (status(code)) {
      case UNPROCESSABLE_CONTENT -> "Invalid data";
      case BAD_REQUEST -> "Bad request";
      case NOT_FOUND -> "Not found";
      case CONFLICT -> "Conflict";
      case GONE -> "Erased";
      case SERVICE_UNAVAILABLE -> "Temporarily unavailable";
      default -> "Internal error";
    };
  }
}
