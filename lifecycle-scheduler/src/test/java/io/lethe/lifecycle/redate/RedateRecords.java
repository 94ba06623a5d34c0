package io.lethe.lifecycle.redate;

import io.lethe.lifecycle.LifecycleFixture;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.redate.RetentionRedateContract.Dating;
import io.lethe.storage.BlindIndexSettings;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.schema.Schema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records dated by a given policy, as the server writes them, and their dating columns. */
final class RedateRecords {

  private final LifecycleFixture db;

  RedateRecords(LifecycleFixture db) {
    this.db = db;
  }

  /** Earlier tests' records are deleted, so every count is this test's own. */
  void retireEarlierRecords() {
    update("UPDATE records SET state = 'DELETED' WHERE state = 'ACTIVE'");
  }

  List<UUID> deviceLogs(UUID subject, int n, RetentionPolicy dating) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(create(subject, "device-log", Map.of("loggedAt", "2026-11-23T10:00:00+08:00",
          "deviceModel", "Mate 60"), dating));
    }
    return ids;
  }

  UUID anAccount(UUID subject, RetentionPolicy dating) {
    return create(subject, "account", Map.of("idType", "resident-id", "idNumber",
        "11010519491231002X", "name", "张三", "mobile", "13800138000"), dating);
  }

  UUID aStudySession(UUID subject, RetentionPolicy dating) {
    return create(subject, "study-session", Map.of("courseType", "满分教育", "startedAt",
        "2026-11-23T10:00:00+08:00", "sitePhotoObject", "o-1"), dating);
  }

  /** Makes the records look dated before starts were recorded: their date, no start. */
  void forgetStarts(List<UUID> ids) {
    for (UUID id : ids) {
      update("UPDATE records SET expiry_from = NULL, expiry_event = NULL WHERE id = ?", id);
    }
  }

  /** Dates the record as a version before starts were recorded did. */
  void dateWithoutStart(UUID id, Instant expiresAt, String version) {
    update("UPDATE records SET expiry_from = NULL, expiry_event = NULL, expires_at = ?,"
        + " policy_version = ? WHERE id = ?", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC),
        version, id);
  }

  Instant createdAt(UUID id) {
    return db.in(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT created_at FROM records WHERE id = ?")) {
        ps.setObject(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return instant(rs, 1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The record's four dating columns. */
  Dating dating(UUID id) {
    return db.in(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT expires_at, policy_version,"
          + " expiry_from, expiry_event FROM records WHERE id = ?")) {
        ps.setObject(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new Dating(instant(rs, 1), rs.getString(2), instant(rs, 3), rs.getString(4));
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private UUID create(UUID subject, String type, Map<String, String> fields,
      RetentionPolicy dating) {
    PersonalDataStore store = PersonalDataStore.create(Schema.defaultSchema(), db.keys,
        BlindIndexSettings.defaults(), dating.recordExpiry());
    return db.in(c -> store.createRecord(c, subject, type, fields).id());
  }

  private void update(String sql, Object... params) {
    db.in(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          ps.setObject(i + 1, params[i]);
        }
        return ps.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
