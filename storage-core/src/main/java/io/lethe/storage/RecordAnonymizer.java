package io.lethe.storage;

import io.lethe.storage.schema.RecordType;
import java.util.Map;

/**
 * Turns a record's decrypted values into the generalized values its anonymized copy keeps. The
 * retention policy's field rules implement it; storage-core only decrypts, stores the result
 * apart from the subject and deletes the original.
 *
 * <p>Implementations must be pure: no logging, no storing of the values they are given.
 */
@FunctionalInterface
public interface RecordAnonymizer {

  /**
   * @param type the record's type as the schema declares it
   * @param values field name → normalized plaintext, only the fields the record has
   * @return field name → generalized value to keep; a field left out is dropped
   */
  Map<String, String> anonymize(RecordType type, Map<String, String> values);
}
