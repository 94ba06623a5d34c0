package io.lethe.storage;

import io.lethe.storage.crypto.FieldContext;
import io.lethe.storage.crypto.FieldEncryption;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.fields.FieldValues;
import io.lethe.storage.schema.FieldDef;
import io.lethe.storage.schema.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Turns caller values into ciphertexts and back, by the schema's field declarations. */
final class FieldCodec {

  private final FieldValues values;
  private final FieldEncryption cipher;

  FieldCodec(FieldValues values, FieldEncryption cipher) {
    this.values = values;
    this.cipher = cipher;
  }

  /**
   * Normalized values in schema order. Blank optional values count as absent. Checks unknown
   * names first, then missing required fields, then each value, so the same input always fails
   * with the same code.
   */
  Map<String, String> validate(RecordType type, Map<String, String> input) {
    for (String name : new TreeSet<>(input.keySet())) {
      if (type.field(name).isEmpty()) {
        throw new StorageException(StorageErrorCode.FIELD_UNKNOWN,
            "record type '" + type.name() + "' has no field '" + name + "'");
      }
    }
    for (FieldDef def : type.fields().values()) {
      String v = input.get(def.name());
      if (def.required() && (v == null || v.isBlank())) {
        throw new StorageException(StorageErrorCode.FIELD_MISSING,
            "field '" + def.name() + "' is required for record type '" + type.name() + "'");
      }
    }
    Map<String, String> normalized = new LinkedHashMap<>();
    for (FieldDef def : type.fields().values()) {
      String v = input.get(def.name());
      if (v != null && !v.isBlank()) {
        normalized.put(def.name(), values.normalize(def.name(), def.type(), v));
      }
    }
    return normalized;
  }

  /**
   * A correction's changes, checked like {@link #validate}: each named field normalized, or
   * mapped to {@code null} when its value is null or blank, which removes an optional field and
   * is refused for a required one.
   */
  Map<String, String> validateChanges(RecordType type, Map<String, String> input) {
    for (String name : new TreeSet<>(input.keySet())) {
      if (type.field(name).isEmpty()) {
        throw new StorageException(StorageErrorCode.FIELD_UNKNOWN,
            "record type '" + type.name() + "' has no field '" + name + "'");
      }
    }
    Map<String, String> changes = new LinkedHashMap<>();
    for (FieldDef def : type.fields().values()) {
      if (!input.containsKey(def.name())) {
        continue;
      }
      String v = input.get(def.name());
      if (v == null || v.isBlank()) {
        if (def.required()) {
          throw new StorageException(StorageErrorCode.FIELD_MISSING,
              "field '" + def.name() + "' is required for record type '" + type.name() + "'");
        }
        changes.put(def.name(), null);
      }
    }
    for (FieldDef def : type.fields().values()) {
      String v = input.get(def.name());
      if (v != null && !v.isBlank()) {
        changes.put(def.name(), values.normalize(def.name(), def.type(), v));
      }
    }
    return changes;
  }

  /** One value as its field's type normalizes it, e.g. for a blind index lookup. */
  String normalize(FieldDef def, String value) {
    return values.normalize(def.name(), def.type(), value);
  }

  byte[] encrypt(SecretBytes key, FieldContext context, String value) {
    byte[] plain = value.getBytes(StandardCharsets.UTF_8);
    try {
      return cipher.encrypt(key, context, plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  String decrypt(SecretBytes key, FieldContext context, byte[] stored) {
    byte[] plain = cipher.decrypt(key, context, stored);
    try {
      return new String(plain, StandardCharsets.UTF_8);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }
}
