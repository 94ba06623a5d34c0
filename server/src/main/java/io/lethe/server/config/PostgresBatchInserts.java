package io.lethe.server.config;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Asks PostgreSQL's driver to send a batch of inserts as multi-row inserts
 * ({@code reWriteBatchedInserts}): an outbox group commit of n events, a record's fields and
 * blind-index rows become a few statements instead of n round trips. The driver then reports
 * {@code SUCCESS_NO_INFO} instead of a count per row from {@code executeBatch}; no code of Lethe
 * reads those counts. A setting already in the configured URL or properties is left as it is;
 * other databases (H2, the embedded default) are left alone.
 */
final class PostgresBatchInserts implements BeanPostProcessor {

  static final String PROPERTY = "reWriteBatchedInserts";

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && applies(pool)) {
      pool.addDataSourceProperty(PROPERTY, "true");
    }
    return bean;
  }

  private static boolean applies(HikariDataSource pool) {
    String url = pool.getJdbcUrl();
    return url != null && url.startsWith("jdbc:postgresql:")
        && !url.contains(PROPERTY + "=")
        && !pool.getDataSourceProperties().containsKey(PROPERTY);
  }
}
