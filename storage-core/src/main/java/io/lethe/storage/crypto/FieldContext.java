package io.lethe.storage.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a field ciphertext belongs. It is bound into the associated data, so a ciphertext copied
 * to another subject, record or field, or read under another schema version, fails to decrypt.
 */
public record FieldContext(UUID subjectId, UUID recordId, String fieldName, int schemaVersion) {

  private static final byte[] LABEL = "lethe-field".getBytes(StandardCharsets.US_ASCII);

  public FieldContext {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(fieldName, "fieldName");
    if (fieldName.isBlank()) {
      throw new IllegalArgumentException("fieldName must not be blank");
    }
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be at least 1");
    }
  }

  /**
   * The canonical encoding (ADR 0004): each element as a 4-byte big-endian length followed by
   * its bytes, so no two different contexts can encode to the same bytes.
   */
  byte[] associatedData(byte formatVersion) {
    // One exact-size buffer: this runs for every field of every read and write.
    byte[] name = fieldName.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(6 * 4 + LABEL.length + 1 + 16 + 16 + name.length + 4);
    out.putInt(LABEL.length).put(LABEL);
    out.putInt(1).put(formatVersion);
    out.putInt(16).putLong(subjectId.getMostSignificantBits())
        .putLong(subjectId.getLeastSignificantBits());
    out.putInt(16).putLong(recordId.getMostSignificantBits())
        .putLong(recordId.getLeastSignificantBits());
    out.putInt(name.length).put(name);
    out.putInt(4).putInt(schemaVersion);
    return out.array();
  }
}
