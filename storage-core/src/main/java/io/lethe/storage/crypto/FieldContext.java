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

  /**
   * Names this use of the subject key in the compact encoding: the subject key also wraps object
   * keys (ADR 0005), so a later compact format of another use takes another tag (ADR 0004, v2).
   */
  static final byte DOMAIN_FIELD_VALUE = 'F';

  /** Format byte, domain tag, subject id, record id, schema version: all but the name. */
  private static final int COMPACT_FIXED_BYTES = 1 + 1 + 16 + 16 + 4;

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
   * The canonical encoding of format v1 (ADR 0004): each element as a 4-byte big-endian length
   * followed by its bytes, so no two different contexts can encode to the same bytes.
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

  /**
   * The compact encoding of format v2 (ADR 0004): {@code formatVersion ‖ 'F' ‖ subject id(16) ‖
   * record id(16) ‖ schema version(4, big-endian) ‖ field name(UTF-8)}. Every part but the last
   * has a fixed size, so two different contexts never give the same bytes, without length
   * prefixes; for a short value that is three GHASH blocks where v1 takes five.
   */
  byte[] compactAssociatedData(byte formatVersion) {
    // Plain code on purpose: building these bytes was measured not to be what limits field
    // decryption (docs/benchmarks.md, format v2), the JDK's per-call cost of associated data is.
    byte[] name = fieldName.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(COMPACT_FIXED_BYTES + name.length)
        .put(formatVersion).put(DOMAIN_FIELD_VALUE)
        .putLong(subjectId.getMostSignificantBits()).putLong(subjectId.getLeastSignificantBits())
        .putLong(recordId.getMostSignificantBits()).putLong(recordId.getLeastSignificantBits())
        .putInt(schemaVersion).put(name)
        .array();
  }
}
