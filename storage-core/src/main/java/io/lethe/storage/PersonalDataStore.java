package io.lethe.storage;

import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.schema.Schema;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;

/**
 * Stores and reads personal data, encrypted field by field under a per-subject key.
 *
 * <p>Every method takes the caller's {@link Connection} and neither commits, rolls back nor
 * closes it, so the caller can write its audit event in the same transaction as the change.
 * Call with auto-commit off: a method that fails midway may have written some rows, which only
 * the caller's rollback removes.
 *
 * <p><b>Thread safety.</b> Safe for concurrent use with distinct connections.
 *
 * <p><b>Failures.</b> Throws only {@link StorageException}; its code says why (see
 * {@link StorageErrorCode}) and its message never contains a field value or key. A null
 * argument is a caller bug and throws {@code NullPointerException}.
 *
 * <p><b>Security guarantees.</b> Values are validated, normalized and encrypted with AES-256-GCM
 * under the subject's own data key, bound to subject, record, field and schema version; nothing
 * is stored in plaintext. A read decrypts only the fields the purpose may see. Erasing a subject
 * destroys its key, after which none of its ciphertexts can be decrypted by anyone.
 */
public interface PersonalDataStore {

  static PersonalDataStore create(Schema schema, KeyProvider keys) {
    return DefaultPersonalDataStore.create(schema, keys);
  }

  /** A new ACTIVE subject with a fresh data key, stored wrapped. */
  Subject createSubject(Connection c);

  /**
   * Validates {@code fields} against the record type, then stores each encrypted. Nothing is
   * written if validation fails: {@code storage.record-type.unknown}, {@code storage.field.unknown},
   * {@code storage.field.missing}, {@code storage.field.invalid}; {@code storage.subject.*} when
   * the subject is missing, suspended or erased.
   */
  StoredRecord createRecord(Connection c, UUID subjectId, String type, Map<String, String> fields);

  /**
   * Reads a record for {@code purpose}. Fields the schema does not open to that purpose are not
   * decrypted and are listed in {@link RecordView#withheldFields()}; the rest are masked unless
   * {@code plain}. Throws {@code storage.purpose.unknown}, {@code storage.record.not-found},
   * {@code storage.subject.suspended} or {@code storage.subject.erased}.
   */
  RecordView readRecord(Connection c, UUID recordId, String purpose, boolean plain);

  /** ACTIVE → SUSPENDED: the subject's data is neither written nor read until resumed. */
  Subject suspendSubject(Connection c, UUID subjectId);

  /** SUSPENDED → ACTIVE. */
  Subject resumeSubject(Connection c, UUID subjectId);

  /**
   * Crypto-shreds the subject: deletes its wrapped key and marks it ERASED, so none of its
   * ciphertexts can be read again. Legal holds are the caller's to check; rows are purged later
   * by the lifecycle jobs.
   */
  Subject eraseSubject(Connection c, UUID subjectId);
}
