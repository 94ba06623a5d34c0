package io.lethe.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.TestKeyrings;
import io.lethe.storage.schema.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordExpiryH2Test {

  @TempDir Path keyDir;

  @Test
  void createRecord_storesTheExpiryThePolicyComputes_forTheRecordsRetentionClass() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    StorageMigrations.migrate(ds);
    KeyProvider keys = TestKeyrings.fast(keyDir.resolve("k.lkr"));
    RecordExpiry sixMonthsForDeviceLogs = (retentionClass, createdAt) ->
        retentionClass.equals("account-lifetime") ? Optional.empty()
            : Optional.of(createdAt.plus(Duration.ofDays(180)));
    PersonalDataStore store = PersonalDataStore.create(Schema.defaultSchema(), keys,
        BlindIndexSettings.defaults(), sixMonthsForDeviceLogs);

    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      Subject subject = store.createSubject(c);
      StoredRecord account = store.createRecord(c, subject.id(), "account",
          AccountFields.anAccount().build());
      StoredRecord log = store.createRecord(c, subject.id(), "device-log",
          java.util.Map.of("loggedAt", "2026-11-23T10:00:00+08:00", "deviceModel", "Mate 60"));
      c.commit();

      assertThat(account.expiresAt()).isEmpty();
      assertThat(storedExpiry(c, account.id())).isNull();
      assertThat(log.expiresAt()).contains(log.createdAt().plus(Duration.ofDays(180)));
      assertThat(storedExpiry(c, log.id()).toInstant()).isEqualTo(log.expiresAt().orElseThrow());
    }
  }

  @Test
  void noExpiry_isTheDefault() {
    assertThat(RecordExpiry.none().onCreate("service-record", Instant.EPOCH)).isEmpty();
  }

  private static OffsetDateTime storedExpiry(Connection c, UUID recordId) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("SELECT expires_at FROM records WHERE id = ?")) {
      ps.setObject(1, recordId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, OffsetDateTime.class);
      }
    }
  }
}
