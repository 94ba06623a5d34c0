package io.lethe.storage;

import io.lethe.storage.db.StorageMigrations;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.keys.TestKeyrings;
import io.lethe.storage.schema.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A migrated database, a fresh keyring, the default-schema store and an open transaction, for
 * the store contracts. The caller commits and closes {@link #c}.
 */
final class StoreFixture {

  private static final Set<DataSource> MIGRATED = ConcurrentHashMap.newKeySet();

  final KeyProvider keys;
  final PersonalDataStore store;
  final Connection c;

  StoreFixture(DataSource dataSource, Path keyDir) throws SQLException {
    if (MIGRATED.add(dataSource)) {
      StorageMigrations.migrate(dataSource);
    }
    keys = TestKeyrings.fast(keyDir.resolve("keyring.lkr"));
    store = PersonalDataStore.create(Schema.defaultSchema(), keys);
    c = dataSource.getConnection();
    c.setAutoCommit(false);
  }

  /** Another store on the same keyring, as a second server node would be. */
  PersonalDataStore secondNode() {
    return PersonalDataStore.create(Schema.defaultSchema(), keys);
  }

  long count(String sql, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  void close() throws SQLException {
    c.commit();
    c.close();
  }
}
