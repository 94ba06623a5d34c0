package io.lethe.storage.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.TestKeyrings;
import io.lethe.storage.schema.Category;
import io.lethe.storage.schema.Schema;
import io.lethe.testsupport.s3.S3ProxyExtension;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every object store contract needs: a migrated database, a fresh bucket per test in a
 * real S3 (S3Proxy), a keyring, subjects from the record store, and the caller's transaction.
 */
abstract class ObjectStoreFixture {

  static final int SEGMENT = ObjectFormat.CIPHERTEXT_SEGMENT_BYTES;
  static final int FIRST_SEGMENT_PLAINTEXT = SEGMENT - 16 - 40;
  private static final Set<DataSource> MIGRATED = ConcurrentHashMap.newKeySet();

  /** One keyring per class: the database's index keys are wrapped by it and must stay readable. */
  @TempDir
  static Path keyDir;

  protected KeyProvider keys;
  protected PersonalDataStore people;
  protected ObjectStore store;
  protected MinioClient client;
  protected String bucket;
  protected Connection c;

  protected abstract DataSource dataSource();

  protected abstract S3ProxyExtension s3();

  @BeforeEach
  void setUp() throws Exception {
    if (MIGRATED.add(dataSource())) {
      StorageMigrations.migrate(dataSource());
    }
    byte[] b = new byte[6];
    new SecureRandom().nextBytes(b);
    bucket = "lethe-" + HexFormat.of().formatHex(b);
    client = s3().client();
    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
    keys = TestKeyrings.fast(keyDir.resolve("keyring.lkr"));
    people = PersonalDataStore.create(Schema.defaultSchema(), keys);
    store = ObjectStore.s3(client, bucket, keys);
    c = dataSource().getConnection();
    c.setAutoCommit(false);
  }

  @AfterEach
  void tearDown() throws SQLException {
    c.commit();
    c.close();
  }

  UUID aSubject() {
    return people.createSubject(c).id();
  }

  StoredObject put(UUID subject, byte[] content) {
    return store.put(c, subject, Category.ACCIDENT, Optional.empty(), "image/jpeg",
        new ByteArrayInputStream(content), content.length);
  }

  byte[] read(UUID objectId) throws Exception {
    try (ObjectContent content = store.get(c, objectId); InputStream in = content.stream()) {
      return in.readAllBytes();
    }
  }

  String storageKey(UUID objectId) throws SQLException {
    return column(objectId, "storage_key", String.class);
  }

  <T> T column(UUID objectId, String column, Class<T> type) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + column + " FROM objects WHERE id = ?")) {
      ps.setObject(1, objectId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getObject(1, type);
      }
    }
  }

  /** Where S3Proxy's filesystem backend keeps an object's bytes. */
  Path fileOf(UUID objectId) throws SQLException {
    return s3().directory().resolve(bucket).resolve(storageKey(objectId));
  }

  long rowsOf(UUID subject) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM objects WHERE subject_id = ?")) {
      ps.setObject(1, subject);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static byte[] random(int length) {
    byte[] b = new byte[length];
    new Random(length * 31L + 1).nextBytes(b);
    return b;
  }

  static void assertFails(ThrowingCallable call, StorageErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StorageException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  /** Every key in this test's bucket. */
  List<String> bucketKeys() {
    return StreamSupport.stream(client.listObjects(ListObjectsArgs.builder().bucket(bucket)
        .recursive(true).build()).spliterator(), false).map(r -> {
          try {
            return r.get().objectName();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }).toList();
  }
}
