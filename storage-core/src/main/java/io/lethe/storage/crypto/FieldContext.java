package io.lethe.storage.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a field ciphertext belongs. It is bound into the associated data, so a ciphertext copied
 * to another subject, record or field, or read under another schema version, fails to decrypt.
 */
public record FieldContext(UUID subjectId, UUID recordId, String fieldName, int schemaVersion) {

  private static final byte[] LABEL = "lethe-field".getBytes(StandardCharsets.US_ASCII);
  /** Every part but the field name's bytes: six lengths, label, version, two ids, schema. */
  static final int FIXED_BYTES = 6 * 4 + LABEL.length + 1 + 16 + 16 + 4;
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

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
    byte[] name = fieldName.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[FIXED_BYTES + name.length];
    int n = writeFixedAndName(formatVersion, out, name.length);
    System.arraycopy(name, 0, out, n - name.length - 8, name.length);
    return out;
  }

  /**
   * The same bytes as {@link #associatedData}, written into {@code out} from index 0 without
   * allocating: this runs for every field of every read and write. Returns the length, or -1
   * when the field name is not ASCII or the encoding does not fit (then use associatedData).
   */
  int writeAssociatedData(byte formatVersion, byte[] out) {
    int nameLength = fieldName.length();
    if (FIXED_BYTES + nameLength > out.length) {
      return -1;
    }
    int namePosition = FIXED_BYTES - 8;
    for (int i = 0; i < nameLength; i++) {
      char c = fieldName.charAt(i);
      if (c >= 0x80) {
        return -1; // its UTF-8 form differs from its chars: the general path encodes it
      }
      out[namePosition + i] = (byte) c;
    }
    return writeFixedAndName(formatVersion, out, nameLength);
  }

  /** Everything but the name's bytes, which go right after the name's length. */
  private int writeFixedAndName(byte formatVersion, byte[] out, int nameLength) {
    int i = 0;
    INT.set(out, i, LABEL.length);
    System.arraycopy(LABEL, 0, out, i + 4, LABEL.length);
    i += 4 + LABEL.length;
    INT.set(out, i, 1);
    out[i + 4] = formatVersion;
    i += 5;
    i = putUuid(out, i, subjectId);
    i = putUuid(out, i, recordId);
    INT.set(out, i, nameLength);
    i += 4 + nameLength;
    INT.set(out, i, 4);
    INT.set(out, i + 4, schemaVersion);
    return i + 8;
  }

  private static int putUuid(byte[] out, int i, UUID id) {
    INT.set(out, i, 16);
    LONG.set(out, i + 4, id.getMostSignificantBits());
    LONG.set(out, i + 12, id.getLeastSignificantBits());
    return i + 20;
  }
}
