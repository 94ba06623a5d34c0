package io.lethe.storage;

import io.lethe.storage.crypto.FieldEncryption;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.WrappedKey;
import io.lethe.storage.schema.Schema;
import java.sql.Connection;
import java.util.Collection;
import java.util.List;
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
 * Searchable fields also store a truncated keyed HMAC of the normalized value (ADR 0006): it
 * reveals which records of one field share a value, and nothing about the value itself to anyone
 * without the index key.
 */
public interface PersonalDataStore {

  /** With {@link BlindIndexSettings#defaults()}: 16-byte blind index digests. */
  static PersonalDataStore create(Schema schema, KeyProvider keys) {
    return create(schema, keys, BlindIndexSettings.defaults());
  }

  static PersonalDataStore create(Schema schema, KeyProvider keys, BlindIndexSettings settings) {
    return create(schema, keys, settings, RecordExpiry.none());
  }

  /** A store that sets each new record's {@code expires_at} from {@code expiry}. */
  static PersonalDataStore create(Schema schema, KeyProvider keys, BlindIndexSettings settings,
      RecordExpiry expiry) {
    return create(schema, keys, settings, expiry, FieldEncryption.aesGcm());
  }

  /**
   * A store whose field values go through {@code encryption}. Anything but
   * {@link FieldEncryption#aesGcm()} is for measuring what encryption costs (ADR 0018).
   */
  static PersonalDataStore create(Schema schema, KeyProvider keys, BlindIndexSettings settings,
      RecordExpiry expiry, FieldEncryption encryption) {
    return DefaultPersonalDataStore.create(schema, keys, settings, expiry, encryption);
  }

  /** A new ACTIVE subject with a fresh data key, stored wrapped. */
  Subject createSubject(Connection c);

  /**
   * Validates {@code fields} against the record type, then stores each encrypted. Nothing is
   * written if validation fails: {@code storage.record-type.unknown}, {@code storage.field.unknown},
   * {@code storage.field.missing}, {@code storage.field.invalid}; {@code storage.subject.*} when
   * the subject is missing, suspended, closed (its account waits for deletion, ADR 0017) or
   * erased.
   */
  StoredRecord createRecord(Connection c, UUID subjectId, String type, Map<String, String> fields);

  /**
   * Reads a record for {@code purpose}. Fields the schema does not open to that purpose are not
   * decrypted and are listed in {@link RecordView#withheldFields()}; the rest are masked unless
   * {@code plain}. Throws {@code storage.purpose.unknown}, {@code storage.record.not-found},
   * {@code storage.subject.suspended} (a suspended subject is read only for
   * {@link SubjectStatus#LEGAL_OBLIGATION}) or {@code storage.subject.erased}.
   */
  RecordView readRecord(Connection c, UUID recordId, String purpose, boolean plain);

  /**
   * Every live record of the subject with every field decrypted in plain, whatever the schema
   * opens to {@code purpose}: the subject's own copy of their data (an export). The caller
   * checks that the purpose and the caller may do this. Throws {@code storage.purpose.unknown},
   * {@code storage.subject.not-found}, {@code storage.subject.suspended} (unless the purpose is
   * {@link SubjectStatus#LEGAL_OBLIGATION}) or {@code storage.subject.erased}.
   */
  List<RecordView> readAllRecords(Connection c, UUID subjectId, String purpose);

  /**
   * Records of {@code type} whose searchable {@code field} equals {@code value} once normalized
   * by its type ({@code +86 138 1234 5678} finds {@code 13812345678}), found by blind index
   * without decrypting anything, under every active index key version. Deleted records and
   * erased subjects are never returned; records of suspended subjects are (reading them is then
   * refused). Throws {@code storage.record-type.unknown}, {@code storage.field.unknown},
   * {@code storage.field.not-searchable} or {@code storage.field.invalid}.
   */
  List<IndexHit> findByBlindIndex(Connection c, String type, String field, String value);

  /**
   * Adds a blind index key version, wrapped by the KEK, and returns its number. New digests are
   * written under it; lookups keep searching every active version, so records indexed before the
   * rotation stay findable until re-indexed. Concurrent rotations on two nodes collide: one
   * fails with {@code storage.database}.
   */
  int rotateIndexKey(Connection c);

  /**
   * Corrects a record: the named fields get their new values (validated and normalized as on
   * create, encrypted under the subject key with fresh nonces, re-indexed if searchable); a
   * blank value removes an optional field. The record keeps its id and schema version;
   * {@code updated_at} is set. Nothing is written on failure: {@code storage.record.not-found},
   * {@code storage.field.unknown}, {@code storage.field.missing} (a required field blanked),
   * {@code storage.field.invalid}, {@code storage.subject.*} (also {@code closed}).
   */
  RecordChange updateFields(Connection c, UUID recordId, Map<String, String> fields);

  /**
   * Deletes a record's fields and blind index rows; the record row stays as a DELETED tombstone
   * with no personal data until the retention job purges it, and is never read or found again.
   * Allowed whatever the subject's status; legal holds are the caller's to check. Throws
   * {@code storage.record.not-found}, also for a record already deleted.
   */
  RecordChange deleteRecord(Connection c, UUID recordId);

  /**
   * {@link #deleteRecord} for many records at once, for the retention jobs: a few statements
   * whatever their number (the records, their fields, their blind index rows), instead of a
   * handful per record. All or nothing: if any of them is not ACTIVE (unknown, deleted,
   * anonymized) it throws {@code storage.record.not-found}, naming none, after writing rows that
   * the caller must roll back (to a savepoint, to go on with the others one by one). Allowed
   * whatever the subjects' status; legal holds are the caller's to check. Returns how many
   * distinct records were deleted.
   */
  int deleteRecords(Connection c, Collection<UUID> recordIds);

  /**
   * Replaces an ACTIVE record by an anonymized copy, in the caller's transaction: its fields are
   * decrypted and handed to {@code anonymizer}; what it returns is stored in
   * {@code anonymized_records} under a fresh random id, with no subject, no blind index and the
   * month of anonymization only. The original's ciphertexts and blind index rows are deleted
   * and its row stays as an ANONYMIZED tombstone, so a record is anonymized once. The record's
   * objects are the caller's to delete ({@code ObjectStore.deleteForRecord}). Legal holds are
   * the caller's to check. A record of an erased subject has nothing left to keep: it becomes
   * a tombstone and no copy is written.
   *
   * <p>Throws {@code storage.record.not-found} (also when not ACTIVE any more),
   * {@code storage.subject.suspended} (processing is restricted; retry after resumption),
   * {@code storage.field.unknown} or {@code storage.field.invalid} if the anonymizer returns a
   * field the type lacks or an empty or over-long value.
   */
  AnonymizedRecord anonymizeRecord(Connection c, UUID recordId, RecordAnonymizer anonymizer,
      String policyVersion);

  /**
   * ACTIVE → SUSPENDED: the subject's data is not written until resumed, and read only for
   * {@link SubjectStatus#LEGAL_OBLIGATION}. {@code storage.subject.erased} once erased.
   */
  Subject suspendSubject(Connection c, UUID subjectId);

  /**
   * Status, dates and counts of live records and objects, whatever the status (an erased subject
   * is still described). Throws {@code storage.subject.not-found}.
   */
  SubjectSummary describeSubject(Connection c, UUID subjectId);

  /**
   * Moves the subject key under the KEK named {@code kekName} ({@code KeyProvider.rewrapUnder}):
   * unwrapped under the KEK that wraps it now, wrapped under the named one, and stored in place
   * of the old wrapped key (compare-and-set), so every later unwrap goes to the new KEK. No
   * field or object is decrypted or rewritten: they hang off the subject key, not the KEK (ADR
   * 0011). Allowed while ACTIVE or SUSPENDED. Throws {@code storage.subject.not-found},
   * {@code storage.subject.erased}, {@code storage.key.kek-unknown}, and
   * {@code storage.subject.transition-invalid} if the key changed concurrently.
   */
  WrappedKey migrateSubjectKey(Connection c, UUID subjectId, String kekName);

  /** SUSPENDED → ACTIVE. */
  Subject resumeSubject(Connection c, UUID subjectId);

  /**
   * Crypto-shreds the subject in one go: {@link #destroySubjectKey}, then
   * {@link #purgeErasedRecords} until none is left. Objects are the caller's to delete
   * ({@code ObjectStore.deleteAll}). Legal holds are the caller's to check. For a subject with
   * many records the {@code erasure} job does the same in batches.
   */
  Subject eraseSubject(Connection c, UUID subjectId);

  /**
   * The first step of an erasure: deletes the subject's wrapped key and its blind index rows and
   * marks it ERASED, so from this commit on nothing of it can be read or found, whatever is
   * still stored. Throws {@code storage.subject.not-found} or
   * {@code storage.subject.transition-invalid} (already erased). Legal holds are the caller's.
   */
  Subject destroySubjectKey(Connection c, UUID subjectId);

  /**
   * The second step: turns up to {@code limit} records of an ERASED subject into value-free
   * DELETED tombstones (fields deleted, {@code expires_at} cleared, so no retention job takes
   * them again) and returns what was purged, field names empty; an empty list when none is left.
   * Throws {@code storage.subject.transition-invalid} while the subject still has its key.
   */
  List<RecordChange> purgeErasedRecords(Connection c, UUID subjectId, int limit);
}
