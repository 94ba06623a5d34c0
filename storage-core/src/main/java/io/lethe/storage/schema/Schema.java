package io.lethe.storage.schema;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The validated schema: record types, their fields, the purposes that may read each field, and
 * retention classes. Immutable and thread-safe. Loading reports every problem at once as a
 * {@link SchemaException} naming file, line and field.
 */
public final class Schema {

  static final String DEFAULT_RESOURCE = "/io/lethe/storage/schema/default-schema.yaml";

  private final int version;
  private final Map<String, String> purposes;
  private final Set<String> retentionClasses;
  private final Map<String, RecordType> recordTypes;

  Schema(int version, Map<String, String> purposes, Set<String> retentionClasses,
      Map<String, RecordType> recordTypes) {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
    this.version = version;
    this.purposes = Collections.unmodifiableMap(new LinkedHashMap<>(purposes));
    this.retentionClasses = Set.copyOf(retentionClasses);
    this.recordTypes = Collections.unmodifiableMap(new LinkedHashMap<>(recordTypes));
  }

  /** The schema that ships with storage-core, modelled on the two seed privacy policies. */
  public static Schema defaultSchema() {
    try (InputStream in = Schema.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new StorageException(StorageErrorCode.SCHEMA_INVALID,
            "default schema resource is missing from the classpath");
      }
      return parse("default-schema.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StorageException(StorageErrorCode.SCHEMA_INVALID,
          "default schema resource cannot be read", e);
    }
  }

  public static Schema load(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StorageException(StorageErrorCode.SCHEMA_INVALID,
          "schema file " + file + " cannot be read", e);
    }
  }

  /** {@code sourceName} is only used in problem reports. */
  public static Schema parse(String sourceName, String yaml) {
    return new SchemaReader(Objects.requireNonNull(sourceName, "sourceName")).read(yaml);
  }

  /** Bound into every field ciphertext's associated data; raise it when field meaning changes. */
  public int version() {
    return version;
  }

  public boolean hasPurpose(String purpose) {
    return purposes.containsKey(purpose);
  }

  /** Purpose names and their descriptions, in schema order. */
  public Map<String, String> purposes() {
    return purposes;
  }

  public Set<String> retentionClasses() {
    return retentionClasses;
  }

  public Optional<RecordType> recordType(String name) {
    return Optional.ofNullable(recordTypes.get(name));
  }

  public Map<String, RecordType> recordTypes() {
    return recordTypes;
  }
}
