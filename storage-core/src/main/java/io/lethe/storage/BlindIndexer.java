package io.lethe.storage;

import io.lethe.storage.BlindIndexStore.Digest;
import io.lethe.storage.schema.FieldDef;
import io.lethe.storage.schema.RecordType;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Blind indexes of searchable fields (ADR 0006). Writes use the newest active index key version
 * only; lookups compute the digest under every active version, so records written before a
 * rotation are still found without re-indexing them first.
 */
final class BlindIndexer {

  private final IndexKeys keys;
  private final BlindIndexStore store = new BlindIndexStore();

  BlindIndexer(IndexKeys keys) {
    this.keys = keys;
  }

  /** Writes the digests of the searchable fields among {@code normalized}. */
  void index(Connection c, RecordType type, UUID recordId, Map<String, String> normalized,
      Instant now) {
    Map<String, String> searchable = searchable(type, normalized);
    if (searchable.isEmpty()) {
      return;
    }
    IndexRootKey key = keys.current(c, now);
    List<Digest> digests = new ArrayList<>();
    searchable.forEach((field, value) ->
        digests.add(new Digest(field, key.version(), key.digest(type.name(), field, value))));
    store.insert(c, recordId, digests);
  }

  /**
   * Replaces the digests of the changed searchable fields (a null value: the field was removed).
   * Their old digests go under every version, so a corrected record is also moved to the newest.
   */
  void reindex(Connection c, RecordType type, UUID recordId, Map<String, String> changes,
      Instant now) {
    List<String> changed = changes.keySet().stream()
        .filter(name -> type.field(name).map(FieldDef::searchable).orElse(false)).toList();
    if (changed.isEmpty()) {
      return;
    }
    store.deleteFields(c, recordId, changed);
    Map<String, String> present = new LinkedHashMap<>();
    changed.forEach(name -> {
      if (changes.get(name) != null) {
        present.put(name, changes.get(name));
      }
    });
    index(c, type, recordId, present, now);
  }

  void forgetRecord(Connection c, UUID recordId) {
    store.deleteRecord(c, recordId);
  }

  void forgetRecords(Connection c, Collection<UUID> recordIds) {
    store.deleteRecords(c, recordIds);
  }

  void forgetSubject(Connection c, UUID subjectId) {
    store.deleteSubject(c, subjectId);
  }

  /**
   * Records whose searchable {@code field} equals {@code value} once normalized by its type,
   * under any active version; refused for an unknown or non-searchable field or invalid value.
   */
  List<IndexHit> find(Connection c, RecordType type, String field, String value,
      FieldCodec codec) {
    FieldDef def = type.field(field).orElseThrow(() -> new StorageException(
        StorageErrorCode.FIELD_UNKNOWN,
        "record type '" + type.name() + "' has no field '" + field + "'"));
    if (!def.searchable()) {
      throw new StorageException(StorageErrorCode.FIELD_NOT_SEARCHABLE,
          "field '" + field + "' of record type '" + type.name() + "' is not searchable");
    }
    String normalized = codec.normalize(def, value);
    Map<Integer, byte[]> digests = new LinkedHashMap<>();
    for (IndexRootKey key : keys.active(c)) {
      digests.put(key.version(), key.digest(type.name(), field, normalized));
    }
    return store.find(c, type.name(), field, digests);
  }

  int rotate(Connection c, Instant now) {
    return keys.create(c, now).version();
  }

  private static Map<String, String> searchable(RecordType type, Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      if (value != null && type.field(name).map(FieldDef::searchable).orElse(false)) {
        out.put(name, value);
      }
    });
    return out;
  }
}
