package io.lethe.lifecycle;

import io.lethe.audit.outbox.AuditMigrations;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.db.LifecycleMigrations;
import io.lethe.lifecycle.holds.LegalHolds;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.schema.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A database migrated by all three libraries, a keyring, the default-schema store, legal holds
 * and helpers to make records due and to count what was written. Commits its own writes.
 */
public final class LifecycleFixture {

  public final DataSource dataSource;
  public final KeyProvider keys;
  public final PersonalDataStore store;
  public final AuditOutbox audit = new AuditOutbox();
  public final LegalHolds holds;
  public final Transactions tx;

  public LifecycleFixture(DataSource dataSource, Path keyDir, Clock clock) {
    this.dataSource = dataSource;
    StorageMigrations.migrate(dataSource);
    AuditMigrations.migrate(dataSource);
    LifecycleMigrations.migrate(dataSource);
    keys = KeyProvider.localKeyring(keyDir.resolve("keyring.lkr"),
        "test passphrase, not a secret".toCharArray());
    store = PersonalDataStore.create(Schema.defaultSchema(), keys);
    holds = LegalHolds.create(clock, audit);
    tx = new Transactions(dataSource);
  }

  public UUID aSubject() {
    return tx.inTransaction(c -> store.createSubject(c).id());
  }

  /** A device-log record (class device-log-6-months, delete) that expired at {@code at}. */
  public UUID aDeviceLogExpiredAt(UUID subject, Instant at) {
    return record(subject, "device-log",
        Map.of("loggedAt", "2026-11-23T10:00:00+08:00", "deviceModel", "Mate 60"), at);
  }

  /** A face-verification record (class biometric-transient) that expired at {@code at}. */
  public UUID aFaceVerificationExpiredAt(UUID subject, Instant at) {
    return record(subject, "face-verification", Map.of("faceImageObject", "o-1",
        "idNumber", "11010519491231002X", "name", "张三丰"), at);
  }

  /** An accident record (class accident-record, anonymize) that expired at {@code at}. */
  public UUID anAccidentExpiredAt(UUID subject, Instant at) {
    return record(subject, "accident", Map.of("occurredAt", "2026-11-23T10:00:00+08:00",
        "locationText", "somewhere"), at);
  }

  public UUID record(UUID subject, String type, Map<String, String> fields, Instant expiresAt) {
    return tx.inTransaction(c -> {
      UUID id = store.createRecord(c, subject, type, fields).id();
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE records SET expires_at = ? WHERE id = ?")) {
        ps.setObject(1, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
        ps.setObject(2, id);
        ps.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return id;
    });
  }

  public String state(UUID recordId) {
    return queryString("SELECT state FROM records WHERE id = ?", recordId);
  }

  public long fieldsOf(UUID recordId) {
    return count("SELECT COUNT(*) FROM record_fields WHERE record_id = ?", recordId);
  }

  /** Outbox events of {@code action} (with that outcome) naming {@code id} anywhere. */
  public long events(String action, String outcome, UUID id) {
    return count("SELECT COUNT(*) FROM audit_outbox WHERE document LIKE ? AND document LIKE ?"
        + " AND document LIKE ?", "%\"action\":\"" + action + "\"%",
        "%\"outcome\":\"" + outcome + "\"%", "%" + id + "%");
  }

  public long count(String sql, Object... params) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          ps.setObject(i + 1, params[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private String queryString(String sql, UUID id) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setObject(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  public <T> T in(java.util.function.Function<Connection, T> work) {
    return tx.inTransaction(work);
  }
}
