package io.lethe.storage;

import io.lethe.storage.crypto.FieldCipher;
import io.lethe.storage.crypto.FieldContext;
import io.lethe.storage.crypto.FieldFormatV1;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.WrappedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The stored form of a record's fields, read and rewritten below the store, for format tests. */
final class StoredFields {

  private StoredFields() {}

  /** Each field's ciphertext, by field name. */
  static Map<String, byte[]> of(Connection c, UUID recordId) throws SQLException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT name, ciphertext FROM record_fields WHERE record_id = ? ORDER BY name")) {
      ps.setObject(1, recordId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getBytes(2));
        }
      }
    }
    return out;
  }

  /**
   * Re-encrypts every field of the record in format v1 under its subject's key and context, as
   * a row written before format v2 holds it.
   */
  static void rewriteAsV1(Connection c, KeyProvider keys, UUID recordId) throws SQLException {
    UUID subjectId;
    int schemaVersion;
    WrappedKey wrapped;
    try (PreparedStatement ps = c.prepareStatement("SELECT r.subject_id, r.schema_version,"
        + " s.kek_id, s.kek_version, s.wrapped_key FROM records r"
        + " JOIN subjects s ON s.id = r.subject_id WHERE r.id = ?")) {
      ps.setObject(1, recordId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        subjectId = rs.getObject(1, UUID.class);
        schemaVersion = rs.getInt(2);
        wrapped = new WrappedKey(rs.getString(3), rs.getInt(4), rs.getString(5));
      }
    }
    FieldCipher reader = FieldCipher.create();
    try (SecretBytes key = keys.unwrap(wrapped);
        PreparedStatement ps = c.prepareStatement(
            "UPDATE record_fields SET ciphertext = ? WHERE record_id = ? AND name = ?")) {
      for (Map.Entry<String, byte[]> field : of(c, recordId).entrySet()) {
        FieldContext context =
            new FieldContext(subjectId, recordId, field.getKey(), schemaVersion);
        ps.setBytes(1, FieldFormatV1.encrypt(key, context,
            reader.decrypt(key, context, field.getValue())));
        ps.setObject(2, recordId);
        ps.setString(3, field.getKey());
        ps.executeUpdate();
      }
    }
  }
}
