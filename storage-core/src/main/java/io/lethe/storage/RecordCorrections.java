package io.lethe.storage;

import io.lethe.storage.RecordStore.RecordRow;
import io.lethe.storage.SubjectStore.SubjectRow;
import io.lethe.storage.crypto.FieldContext;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.schema.RecordType;
import io.lethe.storage.schema.Schema;
import java.sql.Connection;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Correction and deletion of existing records, with their blind indexes. */
final class RecordCorrections {

  private final Schema schema;
  private final KeyProvider keys;
  private final FieldCodec codec;
  private final SubjectLifecycle lifecycle;
  private final RecordStore records;
  private final BlindIndexer indexer;

  RecordCorrections(Schema schema, KeyProvider keys, FieldCodec codec, SubjectLifecycle lifecycle,
      RecordStore records, BlindIndexer indexer) {
    this.schema = schema;
    this.keys = keys;
    this.codec = codec;
    this.lifecycle = lifecycle;
    this.records = records;
    this.indexer = indexer;
  }

  RecordChange update(Connection c, UUID recordId, Map<String, String> fields, Instant now) {
    RecordRow row = live(c, recordId);
    RecordType type = schema.recordType(row.type()).orElseThrow(() -> new StorageException(
        StorageErrorCode.RECORD_TYPE_UNKNOWN,
        "record type '" + row.type() + "' is no longer in the schema; the record cannot be"
            + " corrected, only deleted"));
    Map<String, String> changes = codec.validateChanges(type, fields);
    SubjectRow subject = lifecycle.writable(c, row.subjectId());
    if (changes.isEmpty()) {
      return new RecordChange(row.id(), row.subjectId(), row.type(), changes.keySet(), now);
    }
    Map<String, byte[]> ciphertexts = new LinkedHashMap<>();
    try (SecretBytes key = keys.unwrap(subject.key())) {
      // The record's own schema version, as its other fields: readRecord uses one per record.
      changes.forEach((name, value) -> {
        if (value != null) {
          ciphertexts.put(name, codec.encrypt(key,
              new FieldContext(row.subjectId(), row.id(), name, row.schemaVersion()), value));
        }
      });
    }
    records.replaceFields(c, row.id(), changes.keySet(), ciphertexts, now);
    indexer.reindex(c, type, row.id(), changes, now);
    return new RecordChange(row.id(), row.subjectId(), row.type(), changes.keySet(), now);
  }

  /**
   * Works whatever the subject's status: deleting writes no personal data, and the retention
   * job must be able to delete the records of a suspended subject. Legal holds are the
   * caller's to check.
   */
  RecordChange delete(Connection c, UUID recordId, Instant now) {
    RecordRow row = live(c, recordId);
    Map<String, byte[]> stored = records.fields(c, recordId);
    indexer.forgetRecord(c, recordId);
    if (!records.markDeleted(c, recordId, now)) {
      throw notFound(recordId);
    }
    return new RecordChange(row.id(), row.subjectId(), row.type(), stored.keySet(), now);
  }

  /**
   * {@link #delete} for many records with a few statements whatever their number. All or
   * nothing: if one of them is not ACTIVE any more it throws {@code storage.record.not-found}
   * naming none of them, after writing rows the caller must roll back.
   */
  int deleteAll(Connection c, Collection<UUID> recordIds, Instant now) {
    int distinct = new HashSet<>(recordIds).size();
    if (records.markAllDeleted(c, recordIds, now) != distinct) {
      throw new StorageException(StorageErrorCode.RECORD_NOT_FOUND,
          "a record of the set does not exist or is deleted; none was deleted");
    }
    indexer.forgetRecords(c, recordIds);
    return distinct;
  }

  private RecordRow live(Connection c, UUID recordId) {
    return records.require(c, recordId);
  }

  private static StorageException notFound(UUID recordId) {
    return new StorageException(StorageErrorCode.RECORD_NOT_FOUND,
        "record " + recordId + " does not exist");
  }
}
