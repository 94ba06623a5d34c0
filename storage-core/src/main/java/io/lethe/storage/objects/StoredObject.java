package io.lethe.storage.objects;

import io.lethe.storage.schema.Category;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the store knows about an object, without its content: safe to print and log, since the
 * content type is a bare {@code type/subtype} and nothing here is personal.
 *
 * @param size the plaintext length in bytes
 */
public record StoredObject(UUID id, UUID subjectId, Optional<UUID> recordId, Category category,
    String contentType, long size, Instant createdAt) {

  public StoredObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(createdAt, "createdAt");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }
}
