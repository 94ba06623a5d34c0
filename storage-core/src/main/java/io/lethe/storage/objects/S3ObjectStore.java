package io.lethe.storage.objects;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.objects.ObjectRows.Row;
import io.lethe.storage.schema.Category;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Orchestrates subject keys, object keys, the bucket and the rows; holds no per-call state. */
final class S3ObjectStore implements ObjectStore {

  static final String KEY_PREFIX = "o/";

  private final Bucket bucket;
  private final SubjectKeys subjects;
  private final ObjectRows rows = new ObjectRows();
  private final ObjectKeyWrap wrap = ObjectKeyWrap.create();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  S3ObjectStore(Bucket bucket, KeyProvider keys, Clock clock) {
    this.bucket = bucket;
    this.subjects = new SubjectKeys(Objects.requireNonNull(keys, "keys"));
    this.clock = clock;
  }

  static ObjectStore create(MinioClient client, String bucket, KeyProvider keys) {
    return new S3ObjectStore(new Bucket(client, bucket), keys, Clock.systemUTC());
  }

  @Override
  public StoredObject put(Connection c, UUID subjectId, Category category,
      Optional<UUID> recordId, String contentType, InputStream content, long declaredLength) {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(content, "content");
    String type = ContentTypes.normalize(contentType);
    if (declaredLength < -1) {
      throw new IllegalArgumentException("declaredLength must be -1 (unknown) or at least 0");
    }
    UUID id = UUID.randomUUID();
    String storageKey = KEY_PREFIX + HexFormat.of().formatHex(randomBytes(16));
    byte[] wrapped;
    long size;
    try (SecretBytes objectKey = SecretBytes.random(ObjectFormat.KEY_BYTES, random)) {
      try (SecretBytes subjectKey = subjects.unwrapForWriting(c, subjectId)) {
        if (recordId.isPresent() && !subjects.ownsRecord(c, subjectId, recordId.get())) {
          throw new StorageException(StorageErrorCode.RECORD_NOT_FOUND,
              "record " + recordId.get() + " is not a record of subject " + subjectId);
        }
        wrapped = wrap.wrap(subjectKey, subjectId, id, objectKey);
      }
      size = EncryptedUpload.run(bucket, storageKey, ObjectFormat.streaming(objectKey),
          ObjectFormat.streamAssociatedData(ObjectFormat.V1, subjectId, id), content,
          declaredLength);
    }
    StoredObject stored = new StoredObject(id, subjectId, recordId, category, type, size,
        clock.instant().truncatedTo(ChronoUnit.MICROS));
    try {
      rows.insert(c, new Row(stored, storageKey, ObjectFormat.V1, wrapped));
    } catch (StorageException e) {
      removeQuietly(storageKey, e);
      throw e;
    }
    return stored;
  }

  @Override
  public StoredObject describe(Connection c, UUID objectId) {
    return rows.find(c, Objects.requireNonNull(objectId, "objectId"))
        .orElseThrow(() -> notFound(objectId)).object();
  }

  @Override
  public ObjectContent get(Connection c, UUID objectId) {
    return open(c, objectId, null);
  }

  @Override
  public ObjectContent get(Connection c, UUID objectId, String purpose) {
    return open(c, objectId, Objects.requireNonNull(purpose, "purpose"));
  }

  /** A null purpose: the subject must be ACTIVE. */
  private ObjectContent open(Connection c, UUID objectId, String purpose) {
    Row row = rows.find(c, Objects.requireNonNull(objectId, "objectId"))
        .orElseThrow(() -> notFound(objectId));
    StoredObject o = row.object();
    AesGcmHkdfStreaming aead;
    try (SecretBytes subjectKey = purpose == null ? subjects.unwrap(c, o.subjectId())
        : subjects.unwrapForReading(c, o.subjectId(), purpose);
        SecretBytes objectKey = wrap.unwrap(subjectKey, o.subjectId(), o.id(), row.wrappedKey())) {
      aead = ObjectFormat.streaming(objectKey);
    }
    InputStream raw = bucket.get(row.storageKey());
    try {
      return new ObjectContent(o.contentType(), o.size(), DecryptingContentStream.open(aead,
          ObjectFormat.streamAssociatedData(row.format(), o.subjectId(), o.id()), raw, o.size()));
    } catch (RuntimeException e) {
      closeQuietly(raw, e);
      throw e;
    }
  }

  @Override
  public List<StoredObject> list(Connection c, UUID subjectId) {
    subjects.requireActive(c, Objects.requireNonNull(subjectId, "subjectId"));
    return rows.bySubject(c, subjectId).stream().map(Row::object).toList();
  }

  @Override
  public List<StoredObject> list(Connection c, UUID subjectId, String purpose) {
    subjects.requireReadable(c, Objects.requireNonNull(subjectId, "subjectId"),
        Objects.requireNonNull(purpose, "purpose"));
    return rows.bySubject(c, subjectId).stream().map(Row::object).toList();
  }

  @Override
  public void delete(Connection c, UUID objectId) {
    Row row = rows.find(c, Objects.requireNonNull(objectId, "objectId"))
        .orElseThrow(() -> notFound(objectId));
    rows.delete(c, "id = ?", objectId);
    bucket.remove(row.storageKey());
  }

  @Override
  public int deleteAll(Connection c, UUID subjectId) {
    List<String> keys = rows.storageKeys(c, Objects.requireNonNull(subjectId, "subjectId"));
    int deleted = rows.delete(c, "subject_id = ?", subjectId);
    bucket.removeAll(keys);
    return deleted;
  }

  @Override
  public List<UUID> deleteBatch(Connection c, UUID subjectId, int limit) {
    if (limit < 1 || limit > Bucket.DELETE_BATCH) {
      throw new IllegalArgumentException("limit must be between 1 and " + Bucket.DELETE_BATCH);
    }
    Map<UUID, String> claimed = rows.claimOfSubject(c,
        Objects.requireNonNull(subjectId, "subjectId"), limit);
    rows.deleteIds(c, claimed.keySet());
    bucket.removeAll(List.copyOf(claimed.values()));
    return List.copyOf(claimed.keySet());
  }

  @Override
  public int deleteForRecord(Connection c, UUID recordId) {
    return deleteForRecords(c, List.of(Objects.requireNonNull(recordId, "recordId")));
  }

  @Override
  public int deleteForRecords(Connection c, Collection<UUID> recordIds) {
    Objects.requireNonNull(recordIds, "recordIds").forEach(
        id -> Objects.requireNonNull(id, "recordIds contains null"));
    List<String> keys = rows.storageKeysOfRecords(c, recordIds);
    int deleted = rows.deleteOfRecords(c, recordIds);
    bucket.removeAll(keys);
    return deleted;
  }

  @Override
  public OrphanSweep sweepOrphans(Connection c, Duration olderThan) {
    return new OrphanSweeper(bucket, rows, KEY_PREFIX).sweep(c,
        clock.instant().minus(Objects.requireNonNull(olderThan, "olderThan")));
  }

  private void removeQuietly(String storageKey, StorageException cause) {
    try {
      bucket.remove(storageKey);
    } catch (StorageException e) {
      cause.addSuppressed(e); // left for sweepOrphans
    }
  }

  private static void closeQuietly(InputStream raw, RuntimeException cause) {
    try {
      raw.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static StorageException notFound(UUID objectId) {
    return new StorageException(StorageErrorCode.OBJECT_NOT_FOUND,
        "object " + objectId + " does not exist");
  }
}
