package io.lethe.storage.crypto;

import java.io.ByteArrayOutputStream;
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
    ByteArrayOutputStream out = new ByteArrayOutputStream(96);
    element(out, LABEL);
    element(out, new byte[] {formatVersion});
    element(out, uuid(subjectId));
    element(out, uuid(recordId));
    element(out, fieldName.getBytes(StandardCharsets.UTF_8));
    element(out, ByteBuffer.allocate(4).putInt(schemaVersion).array());
    return out.toByteArray();
  }

  private static void element(ByteArrayOutputStream out, byte[] value) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
    out.writeBytes(value);
  }

  private static byte[] uuid(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }
}
