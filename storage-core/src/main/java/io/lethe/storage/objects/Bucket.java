package io.lethe.storage.objects;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one place storage-core touches the MinIO SDK: translates {@link MinioException} into
 * {@link StorageException} with messages that name the operation only (never a bucket key's
 * owner, never credentials), and knows S3's quirks: part sizes, lazy batch-delete results.
 *
 * <p>Thread-safe, as {@link MinioClient} is.
 */
final class Bucket {

  /** S3's minimum part size; what the SDK buffers per part when the length is unknown. */
  static final long UNKNOWN_LENGTH_PART_BYTES = 5L * 1024 * 1024;
  /** S3's limit on keys per DeleteObjects request. */
  static final int DELETE_BATCH = 1000;
  private static final String OPAQUE_TYPE = "application/octet-stream";

  /** A bucket entry: its key and when it was last written. */
  record Entry(String key, Instant lastModified) {}

  private final MinioClient client;
  private final String name;

  Bucket(MinioClient client, String name) {
    this.client = Objects.requireNonNull(client, "client");
    this.name = Objects.requireNonNull(name, "name");
  }

  /** Uploads {@code length} bytes, or up to the stream's end if {@code length} is -1. */
  void put(String key, InputStream content, long length) {
    try {
      client.putObject(PutObjectArgs.builder().bucket(name).object(key)
          .stream(content, length >= 0 ? length : null,
              length >= 0 ? null : UNKNOWN_LENGTH_PART_BYTES)
          .contentType(OPAQUE_TYPE).build());
    } catch (MinioException | RuntimeException e) {
      throw unavailable("upload an object", e);
    }
  }

  /** The stored bytes; {@code storage.object.content-missing} if there are none. */
  InputStream get(String key) {
    try {
      return client.getObject(GetObjectArgs.builder().bucket(name).object(key).build());
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        throw new StorageException(StorageErrorCode.OBJECT_CONTENT_MISSING,
            "the object's content is missing from the bucket");
      }
      throw unavailable("download an object", e);
    } catch (MinioException | RuntimeException e) {
      throw unavailable("download an object", e);
    }
  }

  void remove(String key) {
    try {
      client.removeObject(RemoveObjectArgs.builder().bucket(name).object(key).build());
    } catch (MinioException | RuntimeException e) {
      throw unavailable("delete an object", e);
    }
  }

  /** Batch delete; missing keys are not an error. Consumes the SDK's lazy result. */
  void removeAll(List<String> keys) {
    for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
      List<DeleteRequest.Object> batch = keys.subList(from, Math.min(keys.size(),
          from + DELETE_BATCH)).stream().map(DeleteRequest.Object::new).toList();
      try {
        // The request is sent only while this iterable is consumed.
        for (Result<DeleteResult.Error> result : client.removeObjects(
            RemoveObjectsArgs.builder().bucket(name).objects(batch).build())) {
          DeleteResult.Error error = result.get();
          if (!"NoSuchKey".equals(error.code())) {
            throw new StorageException(StorageErrorCode.OBJECT_STORE_UNAVAILABLE,
                "the bucket refused to delete an object (" + error.code() + ")");
          }
        }
      } catch (MinioException | RuntimeException e) {
        if (e instanceof StorageException s) {
          throw s;
        }
        throw unavailable("delete objects", e);
      }
    }
  }

  /** Every key under {@code prefix}, in key order. */
  void list(String prefix, Consumer<Entry> each) {
    try {
      for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(name)
          .prefix(prefix).recursive(true).build())) {
        Item item = result.get();
        each.accept(new Entry(item.objectName(), item.lastModified().toInstant()));
      }
    } catch (MinioException e) {
      throw unavailable("list the bucket", e);
    }
  }

  private static StorageException unavailable(String operation, Exception e) {
    // MinIO's own toString redacts credentials and signatures; bucket keys are opaque.
    return new StorageException(StorageErrorCode.OBJECT_STORE_UNAVAILABLE,
        "could not " + operation + " in the object store", e);
  }
}
