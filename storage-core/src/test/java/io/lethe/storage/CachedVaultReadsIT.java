package io.lethe.storage;

import static io.lethe.storage.AccountFields.anAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.CachingKeyProvider;
import io.lethe.storage.keys.CountingKeyProvider;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.VaultTransitConfig;
import io.lethe.storage.schema.Schema;
import io.lethe.testsupport.vault.VaultTestServer;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Reads through the key cache cost one Transit decrypt per subject, not one per read. */
class CachedVaultReadsIT {

  @Test
  void tenThousandReadsOfOneHundredSubjects_costAtMostOneHundredTransitDecrypts()
      throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:cached-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    StorageMigrations.migrate(h2);
    try (VaultTestServer vault = VaultTestServer.start()) {
      CountingKeyProvider transit = new CountingKeyProvider(KeyProvider.vaultTransit(
          VaultTransitConfig.token(vault.address(), "lethe-kek", vault.rootToken())));
      try (CachingKeyProvider keys = CachingKeyProvider.builder(transit).maxEntries(1000)
          .timeToLive(Duration.ofMinutes(10)).build();
          Connection c = h2.getConnection()) {
        PersonalDataStore store = PersonalDataStore.create(Schema.defaultSchema(), keys);
        List<UUID> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          Subject s = store.createSubject(c);
          records.add(store.createRecord(c, s.id(), "account", anAccount().build()).id());
        }
        for (int i = 0; i < 10_000; i++) {
          RecordView view = store.readRecord(c, records.get(i % 100), "account-management", true);
          assertThat(view.fields()).containsEntry("mobile", AccountFields.MOBILE);
        }
        System.out.printf("10,000 reads of 100 subjects: %d Transit decrypt calls, cache %s%n",
            transit.unwraps.get(), keys.stats());
        assertThat(transit.unwraps.get()).isLessThanOrEqualTo(100);
        assertThat(keys.stats().hits()).isGreaterThanOrEqualTo(10_000);
      }
    }
  }
}
