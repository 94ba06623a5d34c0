package io.lethe.storage;

import io.lethe.storage.SubjectStore.SubjectRow;
import io.lethe.storage.crypto.FieldContext;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.schema.RecordType;
import io.lethe.storage.schema.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Replaces a record by an anonymized copy in one transaction: decrypt, generalize, write the
 * copy under a fresh id with no subject, then delete the original's ciphertexts and blind index
 * rows and leave its row as an ANONYMIZED tombstone. The tombstone's state is what makes it
 * once-only: only ACTIVE records are taken, under a row lock.
 */
final class RecordAnonymization {

  /** The widest generalized value the table holds; generalizations produce far shorter ones. */
  private static final int MAX_VALUE = 128;

  private final Schema schema;
  private final KeyProvider keys;
  private final FieldCodec codec;
  private final SubjectStore subjects;
  private final RecordStore records;
  private final BlindIndexer indexer;

  RecordAnonymization(Schema schema, KeyProvider keys, FieldCodec codec, SubjectStore subjects,
      RecordStore records, BlindIndexer indexer) {
    this.schema = schema;
    this.keys = keys;
    this.codec = codec;
    this.subjects = subjects;
    this.records = records;
    this.indexer = indexer;
  }

  AnonymizedRecord anonymize(Connection c, UUID recordId, RecordAnonymizer anonymizer,
      String policyVersion, Instant now) {
    Locked row = lock(c, recordId);
    SubjectRow subject = subjects.find(c, row.subjectId()).orElseThrow(() ->
        new StorageException(StorageErrorCode.SUBJECT_NOT_FOUND,
            "subject " + row.subjectId() + " does not exist"));
    Map<String, String> kept = switch (subject.subject().status()) {
      // Suspension restricts processing, and generalizing is processing: wait for resumption.
      case SUSPENDED -> throw new StorageException(StorageErrorCode.SUBJECT_SUSPENDED,
          "subject " + row.subjectId() + " is suspended");
      // Its key is shredded and its ciphertexts purged: nothing is left to generalize.
      case ERASED -> null;
      case ACTIVE -> anonymizer.anonymize(type(row), decrypt(c, row, subject));
    };
    if (kept != null) {
      insertCopy(c, row.type(), checked(type(row), kept), policyVersion, now);
    }
    indexer.forgetRecord(c, recordId);
    markAnonymized(c, recordId, now);
    return new AnonymizedRecord(recordId, row.subjectId(), row.type(),
        kept == null ? Set.of() : kept.keySet());
  }

  private record Locked(UUID id, UUID subjectId, String type, int schemaVersion) {}

  private static Locked lock(Connection c, UUID recordId) {
    try (PreparedStatement ps = c.prepareStatement("SELECT id, subject_id, type, schema_version"
        + " FROM records WHERE id = ? AND state = 'ACTIVE' FOR UPDATE")) {
      ps.setObject(1, recordId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StorageException(StorageErrorCode.RECORD_NOT_FOUND,
              "record " + recordId + " does not exist or is no longer active");
        }
        return new Locked(recordId, rs.getObject("subject_id", UUID.class),
            rs.getString("type"), rs.getInt("schema_version"));
      }
    } catch (SQLException e) {
      throw Jdbc.failed("lock a record to anonymize", e);
    }
  }

  private RecordType type(Locked row) {
    return schema.recordType(row.type()).orElseThrow(() -> new StorageException(
        StorageErrorCode.RECORD_TYPE_UNKNOWN, "record type '" + row.type()
            + "' is not in the schema"));
  }

  private Map<String, String> decrypt(Connection c, Locked row, SubjectRow subject) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, byte[]> stored = records.fields(c, row.id());
    if (stored.isEmpty()) {
      return values;
    }
    try (SecretBytes key = keys.unwrap(subject.key())) {
      stored.forEach((name, ciphertext) -> values.put(name, codec.decrypt(key,
          new FieldContext(row.subjectId(), row.id(), name, row.schemaVersion()), ciphertext)));
    }
    return values;
  }

  /** Field names the type declares and values that fit: an anonymizer bug must not be stored. */
  private static Map<String, String> checked(RecordType type, Map<String, String> kept) {
    kept.forEach((name, value) -> {
      if (type.field(name).isEmpty()) {
        throw new StorageException(StorageErrorCode.FIELD_UNKNOWN, "the anonymized copy names"
            + " field '" + name + "', which record type " + type.name() + " does not declare");
      }
      if (value == null || value.isBlank() || value.length() > MAX_VALUE) {
        throw new StorageException(StorageErrorCode.FIELD_INVALID, "the generalized value of "
            + type.name() + "." + name + " is empty or longer than " + MAX_VALUE);
      }
    });
    return kept;
  }

  private static void insertCopy(Connection c, String type, Map<String, String> kept,
      String policyVersion, Instant now) {
    UUID id = UUID.randomUUID();
    try (PreparedStatement rec = c.prepareStatement("INSERT INTO anonymized_records (id, type,"
            + " anonymized_month, policy_version) VALUES (?, ?, ?, ?)");
        PreparedStatement val = c.prepareStatement("INSERT INTO anonymized_values"
            + " (anonymized_record_id, field, generalized_value) VALUES (?, ?, ?)")) {
      rec.setObject(1, id);
      rec.setString(2, type);
      rec.setString(3, YearMonth.from(now.atOffset(ZoneOffset.UTC)).toString());
      rec.setString(4, policyVersion);
      rec.executeUpdate();
      for (Map.Entry<String, String> v : kept.entrySet()) {
        val.setObject(1, id);
        val.setString(2, v.getKey());
        val.setString(3, v.getValue());
        val.addBatch();
      }
      val.executeBatch();
    } catch (SQLException e) {
      throw Jdbc.failed("write an anonymized record", e);
    }
  }

  private static void markAnonymized(Connection c, UUID recordId, Instant now) {
    try (PreparedStatement del = c.prepareStatement(
            "DELETE FROM record_fields WHERE record_id = ?");
        PreparedStatement mark = c.prepareStatement("UPDATE records SET state = 'ANONYMIZED',"
            + " updated_at = ? WHERE id = ? AND state = 'ACTIVE'")) {
      del.setObject(1, recordId);
      del.executeUpdate();
      Jdbc.setInstant(mark, 1, now);
      mark.setObject(2, recordId);
      mark.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("remove an anonymized record's original", e);
    }
  }
}
