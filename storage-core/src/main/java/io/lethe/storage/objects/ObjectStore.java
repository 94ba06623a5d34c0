package io.lethe.storage.objects;

import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.schema.Category;
import io.minio.MinioClient;
import java.io.InputStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Photos and files of a subject, encrypted in a bucket, described in the record store.
 *
 * <p>Content goes to the bucket under an opaque random key; the row in table {@code objects}
 * (content type, size, the wrapped object key) is written with the caller's {@link Connection},
 * which is neither committed, rolled back nor closed here. The upload happens first: if it fails
 * nothing is written; if the row or the caller's transaction fails afterwards the content is an
 * orphan that {@link #sweepOrphans} removes.
 *
 * <p><b>Thread safety.</b> Safe for concurrent use with distinct connections.
 *
 * <p><b>Failures.</b> Throws only {@link io.lethe.storage.StorageException}:
 * {@code storage.subject.*} (not found, suspended, erased; closed for {@code put}), {@code storage.record.not-found},
 * {@code storage.object.not-found}, {@code storage.object.store-unavailable} (bucket unreachable
 * or refusing), {@code storage.object.content-missing} (row without content),
 * {@code storage.object.size-mismatch}, {@code storage.object.input-failed},
 * {@code storage.object.invalid}, {@code storage.decrypt.failed} and {@code storage.database}.
 * No message names a file, a content byte or a key. Null arguments throw
 * {@code NullPointerException}.
 *
 * <p><b>Security guarantees.</b> Each object has its own random 256-bit key, stored only wrapped
 * (AES-256-GCM) by the subject's data key and bound to subject and object id. Content is
 * encrypted with Tink's AES-GCM-HKDF streaming AEAD in 256 KiB segments (ADR 0005): altering,
 * truncating, reordering or swapping stored bytes is detected, and memory use does not depend on
 * the object's size. Bucket keys and bucket metadata carry nothing personal. Erasing the subject
 * (destroying its key) or deleting the row makes the content unreadable from any copy.
 */
public interface ObjectStore {

  /** Objects in {@code bucket}, which must exist; keys of subjects come from {@code keys}. */
  static ObjectStore s3(MinioClient client, String bucket, KeyProvider keys) {
    return S3ObjectStore.create(client, bucket, keys);
  }

  /**
   * Encrypts and uploads {@code content} (read to its end, not closed), then records it.
   *
   * @param contentType a bare {@code type/subtype} such as {@code image/jpeg}; parameters are
   *     refused because they can carry file names
   * @param declaredLength the content's length if known, else {@code -1}; a known length lets
   *     the upload stream without buffering parts, and is checked
   */
  StoredObject put(Connection c, UUID subjectId, Category category, Optional<UUID> recordId,
      String contentType, InputStream content, long declaredLength);

  /**
   * The object's metadata, nothing decrypted: for permission checks before a read or delete.
   * Throws {@code storage.object.not-found}.
   */
  StoredObject describe(Connection c, UUID objectId);

  /** Opens an object for streaming decryption; the subject must be ACTIVE. */
  ObjectContent get(Connection c, UUID objectId);

  /**
   * Opens an object for streaming decryption when read for {@code purpose}: the subject must be
   * ACTIVE, or SUSPENDED with the purpose {@code legal-obligation} ({@code
   * SubjectStatus.readableFor}).
   */
  ObjectContent get(Connection c, UUID objectId, String purpose);

  /** The subject's objects, oldest first; the subject must be ACTIVE. */
  List<StoredObject> list(Connection c, UUID subjectId);

  /** The subject's objects, oldest first, when read for {@code purpose} (as {@link #get}). */
  List<StoredObject> list(Connection c, UUID subjectId, String purpose);

  /**
   * Deletes the row (and with it the object's key), then the content. The bucket cannot take
   * part in the caller's transaction: call this last, since a rollback after it returns brings
   * the row back without its content ({@code storage.object.content-missing} on read).
   */
  void delete(Connection c, UUID objectId);

  /**
   * Deletes every object of the subject, whatever its status (erasure uses this after the
   * subject key is destroyed), with S3 batch deletes; returns how many. Same rollback caveat as
   * {@link #delete}.
   */
  int deleteAll(Connection c, UUID subjectId);

  /**
   * Deletes up to {@code limit} (at most 1000) objects of the subject, whatever its status: the
   * rows are locked and deleted, then the content goes with one S3 batch delete. Returns the ids
   * deleted, none when nothing is left. Safe to redo after a rollback (content already gone
   * from the bucket is not an error), which is what makes the erasure job resumable. Same
   * rollback caveat as {@link #delete}: call it last in the transaction.
   */
  List<UUID> deleteBatch(Connection c, UUID subjectId, int limit);

  /**
   * Deletes every object linked to the record, whatever its subject's status (the retention jobs
   * use this when a record expires), with S3 batch deletes; returns how many, 0 if none. Same
   * rollback caveat as {@link #delete}: call it last in the transaction.
   */
  int deleteForRecord(Connection c, UUID recordId);

  /**
   * {@link #deleteForRecord} for many records at once: their rows go with one statement per
   * thousand records, then their content with one S3 batch delete per thousand objects; returns
   * how many, 0 if none. Safe to redo after a rollback (content already gone is not an error).
   * Same rollback caveat as {@link #delete}: call it last in the transaction.
   */
  int deleteForRecords(Connection c, Collection<UUID> recordIds);

  /**
   * Removes bucket objects older than {@code olderThan} that no committed row refers to: the
   * remains of uploads whose row or transaction failed. {@code olderThan} must exceed the longest
   * transaction that stores objects, or an upload not yet committed would be swept.
   */
  OrphanSweep sweepOrphans(Connection c, Duration olderThan);
}
