package io.lethe.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.storage.crypto.FieldCipher;
import io.lethe.storage.crypto.FieldContext;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.TestKeyrings;
import io.lethe.storage.keys.WrappedKey;
import io.lethe.storage.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crypto-shredding (ADR 0010): erasing a subject destroys its key before any row is purged, so
 * ciphertext copied out beforehand can no longer be read; and once the KEK version that wrapped
 * the key in old backups is retired, not even a backup of the wrapped key helps.
 */
class CryptoShreddingTest {

  @TempDir Path keyDir;

  @Test
  void ciphertextCopiedBeforeErasure_isUnreadableAfter_evenWithABackupOnceTheOldKekIsRetired()
      throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    StorageMigrations.migrate(ds);
    KeyProvider keys = TestKeyrings.fast(keyDir.resolve("k.lkr"));
    PersonalDataStore store = PersonalDataStore.create(Schema.defaultSchema(), keys);
    FieldCipher cipher = FieldCipher.create();

    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      Subject erased = store.createSubject(c);
      Subject kept = store.createSubject(c);
      StoredRecord record = store.createRecord(c, erased.id(), "account",
          AccountFields.anAccount().withMobile("13812345678").build());
      store.createRecord(c, kept.id(), "account", AccountFields.anAccount().build());
      byte[] copiedCiphertext = ciphertext(c, record.id(), "mobile");
      WrappedKey backedUpKey = wrappedKey(c, erased.id());
      FieldContext place = new FieldContext(erased.id(), record.id(), "mobile", 1);
      try (SecretBytes key = keys.unwrap(backedUpKey)) {
        assertThat(new String(cipher.decrypt(key, place, copiedCiphertext), StandardCharsets.UTF_8))
            .as("the copy is real ciphertext of the value").isEqualTo("13812345678");
      }

      store.eraseSubject(c, erased.id());
      c.commit();

      assertThat(wrappedKeyOrNull(c, erased.id())).isNull();
      try (SecretBytes otherKey = keys.unwrap(wrappedKey(c, kept.id()))) {
        assertThatThrownBy(() -> cipher.decrypt(otherKey, place, copiedCiphertext))
            .isInstanceOf(StorageException.class);
      }

      // A backup still holds the wrapped key: rotating the KEK, rewrapping the live keys and
      // retiring the old version makes that backup useless too.
      keys.rotate();
      SubjectKeyRewrap.run(ds, keys, 10);
      keys.setMinDecryptionVersion(keys.currentVersion());
      assertThatThrownBy(() -> keys.unwrap(backedUpKey)).isInstanceOf(StorageException.class);
      assertThat(store.readRecord(c, store.createRecord(c, kept.id(), "account",
          AccountFields.anAccount().build()).id(), "account-management", false).fields())
          .as("live subjects stay readable").isNotEmpty();
    }
  }

  private static byte[] ciphertext(Connection c, UUID recordId, String field) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ciphertext FROM record_fields WHERE record_id = ? AND name = ?")) {
      ps.setObject(1, recordId);
      ps.setString(2, field);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    }
  }

  private static WrappedKey wrappedKey(Connection c, UUID subjectId) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT kek_id, kek_version, wrapped_key FROM subjects WHERE id = ?")) {
      ps.setObject(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new WrappedKey(rs.getString(1), rs.getInt(2), rs.getString(3));
      }
    }
  }

  private static String wrappedKeyOrNull(Connection c, UUID subjectId) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("SELECT wrapped_key FROM subjects WHERE id = ?")) {
      ps.setObject(1, subjectId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
