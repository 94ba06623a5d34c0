package io.lethe.storage;

import io.lethe.storage.RecordStore.RecordRow;
import io.lethe.storage.SubjectStore.SubjectRow;
import io.lethe.storage.crypto.FieldContext;
import io.lethe.storage.crypto.FieldEncryption;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.fields.FieldValues;
import io.lethe.storage.keys.DataKey;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.WrappedKey;
import io.lethe.storage.schema.FieldDef;
import io.lethe.storage.schema.RecordType;
import io.lethe.storage.schema.Schema;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Orchestrates schema, keys, codec and the two stores; holds no per-call state. */
final class DefaultPersonalDataStore implements PersonalDataStore {

  private final Schema schema;
  private final KeyProvider keys;
  private final FieldCodec codec;
  private final Clock clock;
  private final SubjectStore subjects = new SubjectStore();
  private final SubjectLifecycle lifecycle = new SubjectLifecycle(subjects);
  private final RecordStore records = new RecordStore();
  private final BlindIndexer indexer;
  private final RecordCorrections corrections;
  private final RecordExpiry expiry;
  private final RecordAnonymization anonymization;

  DefaultPersonalDataStore(Schema schema, KeyProvider keys, FieldCodec codec, Clock clock,
      BlindIndexSettings indexSettings, RecordExpiry expiry) {
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.codec = codec;
    this.clock = clock;
    this.indexer = new BlindIndexer(new IndexKeys(keys,
        Objects.requireNonNull(indexSettings, "indexSettings")));
    this.corrections = new RecordCorrections(schema, keys, codec, lifecycle, records, indexer);
    this.anonymization =
        new RecordAnonymization(schema, keys, codec, subjects, records, indexer);
  }

  static PersonalDataStore create(Schema schema, KeyProvider keys,
      BlindIndexSettings indexSettings, RecordExpiry expiry, FieldEncryption encryption) {
    return new DefaultPersonalDataStore(schema, keys,
        new FieldCodec(FieldValues.create(), Objects.requireNonNull(encryption, "encryption")),
        Clock.systemUTC(), indexSettings, expiry);
  }

  @Override
  public Subject createSubject(Connection c) {
    Subject subject = new Subject(UUID.randomUUID(), SubjectStatus.ACTIVE, now());
    try (DataKey key = keys.generateDataKey()) {
      subjects.insert(c, subject, key.wrapped());
    }
    return subject;
  }

  @Override
  public StoredRecord createRecord(Connection c, UUID subjectId, String type,
      Map<String, String> fields) {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(fields, "fields");
    RecordType recordType = knownType(type);
    Map<String, String> values = codec.validate(recordType, fields);
    SubjectRow subject = lifecycle.writable(c, subjectId);
    Instant createdAt = now();
    Optional<Expiry> expires = expiry.onCreate(recordType.retentionClass(), createdAt);
    RecordRow row = new RecordRow(UUID.randomUUID(), subjectId, type, schema.version(),
        recordType.retentionClass(), createdAt, expires.map(Expiry::at).orElse(null),
        expires.map(Expiry::policyVersion).orElse(null));
    Map<String, byte[]> ciphertexts = new LinkedHashMap<>();
    try (SecretBytes key = keys.unwrap(subject.key())) {
      values.forEach((name, value) -> ciphertexts.put(name, codec.encrypt(key,
          new FieldContext(subjectId, row.id(), name, row.schemaVersion()), value)));
    }
    records.insert(c, row, expires.orElse(null), ciphertexts);
    indexer.index(c, recordType, row.id(), values, row.createdAt());
    return new StoredRecord(row.id(), subjectId, type, row.createdAt(), expires);
  }

  @Override
  public RecordView readRecord(Connection c, UUID recordId, String purpose, boolean plain) {
    Objects.requireNonNull(recordId, "recordId");
    if (purpose == null || !schema.hasPurpose(purpose)) {
      throw new StorageException(StorageErrorCode.PURPOSE_UNKNOWN,
          "purpose '" + purpose + "' is not declared in the schema");
    }
    RecordRow row = records.require(c, recordId);
    SubjectRow subject = lifecycle.readable(c, row.subjectId(), purpose);
    Optional<RecordType> type = schema.recordType(row.type());
    Map<String, byte[]> stored = inSchemaOrder(type, records.fields(c, recordId));
    Map<String, String> shown = new LinkedHashMap<>();
    Set<String> withheld = new TreeSet<>();
    Map<FieldDef, byte[]> readable = new LinkedHashMap<>();
    stored.forEach((name, ciphertext) -> {
      // A field the current schema no longer declares has no purposes: withhold it.
      Optional<FieldDef> def = type.flatMap(t -> t.field(name));
      if (def.isPresent() && def.get().readableFor(purpose)) {
        readable.put(def.get(), ciphertext);
      } else {
        withheld.add(name);
      }
    });
    if (!readable.isEmpty()) {
      try (SecretBytes key = keys.unwrap(subject.key())) {
        readable.forEach((def, ciphertext) -> {
          String value = codec.decrypt(key,
              new FieldContext(row.subjectId(), row.id(), def.name(), row.schemaVersion()),
              ciphertext);
          shown.put(def.name(), plain ? value : def.masking().mask(value));
        });
      }
    }
    return view(row, shown, withheld);
  }

  @Override
  public List<RecordView> readAllRecords(Connection c, UUID subjectId, String purpose) {
    Objects.requireNonNull(subjectId, "subjectId");
    if (purpose == null || !schema.hasPurpose(purpose)) {
      throw new StorageException(StorageErrorCode.PURPOSE_UNKNOWN,
          "purpose '" + purpose + "' is not declared in the schema");
    }
    SubjectRow subject = lifecycle.readable(c, subjectId, purpose);
    List<RecordView> views = new java.util.ArrayList<>();
    try (SecretBytes key = keys.unwrap(subject.key())) {
      for (RecordRow row : records.ofSubject(c, subjectId)) {
        Map<String, String> shown = new LinkedHashMap<>();
        inSchemaOrder(schema.recordType(row.type()), records.fields(c, row.id()))
            .forEach((name, ciphertext) -> shown.put(name, codec.decrypt(key,
                new FieldContext(subjectId, row.id(), name, row.schemaVersion()), ciphertext)));
        views.add(view(row, shown, Set.of()));
      }
    }
    return views;
  }

  @Override
  public List<IndexHit> findByBlindIndex(Connection c, String type, String field, String value) {
    Objects.requireNonNull(value, "value");
    return indexer.find(c, knownType(type), field, value, codec);
  }

  @Override
  public int rotateIndexKey(Connection c) {
    return indexer.rotate(c, now());
  }

  @Override
  public RecordChange updateFields(Connection c, UUID recordId, Map<String, String> fields) {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(fields, "fields");
    return corrections.update(c, recordId, fields, now());
  }

  @Override
  public RecordChange deleteRecord(Connection c, UUID recordId) {
    Objects.requireNonNull(recordId, "recordId");
    return corrections.delete(c, recordId, now());
  }

  @Override
  public int deleteRecords(Connection c, Collection<UUID> recordIds) {
    Objects.requireNonNull(recordIds, "recordIds").forEach(
        id -> Objects.requireNonNull(id, "recordIds contains null"));
    return recordIds.isEmpty() ? 0 : corrections.deleteAll(c, recordIds, now());
  }

  @Override
  public AnonymizedRecord anonymizeRecord(Connection c, UUID recordId,
      RecordAnonymizer anonymizer, String policyVersion) {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(anonymizer, "anonymizer");
    Objects.requireNonNull(policyVersion, "policyVersion");
    return anonymization.anonymize(c, recordId, anonymizer, policyVersion, now());
  }

  @Override
  public SubjectSummary describeSubject(Connection c, UUID subjectId) {
    return SubjectSummaries.of(c, Objects.requireNonNull(subjectId, "subjectId"));
  }

  @Override
  public Subject suspendSubject(Connection c, UUID subjectId) {
    return lifecycle.transition(c, subjectId, SubjectStatus.SUSPENDED, now());
  }

  @Override
  public WrappedKey migrateSubjectKey(Connection c, UUID subjectId, String kekName) {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(kekName, "kekName");
    SubjectRow row = lifecycle.keyed(c, subjectId);
    WrappedKey moved = keys.rewrapUnder(kekName, row.key());
    if (!new RewrapStore().update(c, new RewrapStore.Row(subjectId, row.key()), moved)) {
      throw new StorageException(StorageErrorCode.SUBJECT_TRANSITION_INVALID,
          "subject " + subjectId + " changed its key concurrently; retry");
    }
    return moved;
  }

  @Override
  public Subject resumeSubject(Connection c, UUID subjectId) {
    return lifecycle.transition(c, subjectId, SubjectStatus.ACTIVE, now());
  }

  @Override
  public Subject eraseSubject(Connection c, UUID subjectId) {
    Subject erased = destroySubjectKey(c, subjectId);
    List<RecordChange> purged;
    do {
      purged = purgeErasedRecords(c, subjectId, 1000);
    } while (!purged.isEmpty());
    return erased;
  }

  @Override
  public Subject destroySubjectKey(Connection c, UUID subjectId) {
    Subject erased = lifecycle.transition(c, subjectId, SubjectStatus.ERASED, now());
    // A digest outliving the key would still tell whether a phone number was this subject's.
    indexer.forgetSubject(c, subjectId);
    return erased;
  }

  @Override
  public List<RecordChange> purgeErasedRecords(Connection c, UUID subjectId, int limit) {
    Objects.requireNonNull(subjectId, "subjectId");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    SubjectRow subject = subjects.find(c, subjectId).orElseThrow(() -> new StorageException(
        StorageErrorCode.SUBJECT_NOT_FOUND, "subject " + subjectId + " does not exist"));
    if (subject.subject().status() != SubjectStatus.ERASED) {
      // The key goes first, always: purging rows of a subject whose key still exists would
      // leave a window where part of its data is gone and the rest still readable.
      throw new StorageException(StorageErrorCode.SUBJECT_TRANSITION_INVALID,
          "subject " + subjectId + " still has its key; destroy it before purging records");
    }
    Instant now = now();
    // The key is gone, so this ciphertext is already unreadable; purging it leaves the database
    // holding only ids, types and dates for the subject.
    return records.tombstoneOfSubject(c, subjectId, limit, now).stream()
        .map(r -> new RecordChange(r.id(), subjectId, r.type(), Set.of(), now)).toList();
  }

  private static RecordView view(RecordRow row, Map<String, String> shown, Set<String> withheld) {
    return new RecordView(row.id(), row.subjectId(), row.type(), shown, withheld,
        row.createdAt(), Optional.ofNullable(row.expiresAt()),
        Optional.ofNullable(row.policyVersion()));
  }

  private RecordType knownType(String type) {
    return schema.recordType(type).orElseThrow(() -> new StorageException(
        StorageErrorCode.RECORD_TYPE_UNKNOWN, "record type '" + type + "' is not in the schema"));
  }

  /** Fields as the schema orders them, then any it no longer declares, by name. */
  private static Map<String, byte[]> inSchemaOrder(Optional<RecordType> type,
      Map<String, byte[]> stored) {
    Map<String, byte[]> ordered = new LinkedHashMap<>();
    type.ifPresent(t -> t.fields().keySet().forEach(name -> {
      if (stored.containsKey(name)) {
        ordered.put(name, stored.get(name));
      }
    }));
    stored.forEach(ordered::putIfAbsent);
    return ordered;
  }

  /** Microseconds: what PostgreSQL stores, so a value read back equals the one returned. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
