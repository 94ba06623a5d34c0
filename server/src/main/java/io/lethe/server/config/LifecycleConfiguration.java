package io.lethe.server.config;

import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.holds.LegalHolds;
import io.lethe.lifecycle.jobs.JobRunner;
import io.lethe.lifecycle.jobs.JobRuns;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.quartz.LifecycleScheduler;
import io.lethe.lifecycle.quartz.SchedulerSettings;
import io.lethe.lifecycle.requests.SubjectRequests;
import io.lethe.lifecycle.retention.RetentionSweep;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.objects.ObjectStore;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** Legal holds and the lifecycle jobs on Quartz (JDBC job store, clustered). */
@Configuration(proxyBeanMethods = false)
class LifecycleConfiguration {

  @Bean
  LegalHolds legalHolds(AuditOutbox outbox) {
    return LegalHolds.create(Clock.systemUTC(), outbox);
  }

  @Bean
  SubjectRequests subjectRequests(AuditOutbox outbox) {
    return new SubjectRequests(Clock.systemUTC(), outbox);
  }

  @Bean
  JobRuns jobRuns() {
    return new JobRuns();
  }

  @Bean
  List<LifecycleJob> lifecycleJobs(RetentionPolicy policy, PersonalDataStore records,
      ObjectStore objects, LegalHolds holds) {
    return List.of(RetentionSweep.retentionSweep(policy, records, objects, holds),
        RetentionSweep.biometricPurge(policy, records, objects, holds),
        RetentionSweep.anonymization(policy, records, objects, holds));
  }

  @Bean(destroyMethod = "close")
  @DependsOn("databaseMigrations")
  LifecycleScheduler lifecycleScheduler(DataSource dataSource, AuditOutbox outbox,
      List<LifecycleJob> jobs, LetheProperties properties) {
    JobRunner runner = new JobRunner(dataSource, outbox, Clock.systemUTC(),
        properties.lifecycle().batchSize());
    java.util.Map<String, String> cron = new java.util.HashMap<>();
    properties.lifecycle().schedules().forEach((job, expression) -> {
      if (expression != null && !expression.isBlank()) {
        cron.put(job, expression);
      }
    });
    LifecycleScheduler scheduler = LifecycleScheduler.create(dataSource,
        SchedulerSettings.defaults(cron), runner, jobs);
    scheduler.start();
    return scheduler;
  }
}
