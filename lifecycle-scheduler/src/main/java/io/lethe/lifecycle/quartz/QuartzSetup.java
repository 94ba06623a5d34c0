package io.lethe.lifecycle.quartz;

import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/** Quartz's properties for a clustered JDBC job store over the given DataSource. */
final class QuartzSetup {

  private QuartzSetup() {}

  static Scheduler build(DataSource dataSource, SchedulerSettings settings, boolean postgres)
      throws SchedulerException {
    // A name of our own per instance: Quartz's connection registry is JVM-wide.
    String dsName = "lethe-" + UUID.randomUUID();
    DBConnectionManager.getInstance().addConnectionProvider(dsName,
        new DataSourceConnectionProvider(dataSource));
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", settings.clusterName());
    p.setProperty("org.quartz.scheduler.instanceId", settings.instanceId());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threads()));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", postgres
        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", dsName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval",
        Long.toString(settings.checkinInterval().toMillis()));
    // Strings only in data maps: nothing Java-serialized is ever read back from the database.
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
    // Quartz keeps schedulers in a JVM-wide registry by name; every node of a cluster shares
    // the name, so two nodes in one JVM (tests, a blue/green switch) must not collide there.
    SchedulerRepository.getInstance().remove(settings.clusterName());
    return scheduler;
  }
}
