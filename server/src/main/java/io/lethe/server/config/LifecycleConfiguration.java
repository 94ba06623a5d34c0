package io.lethe.server.config;

import io.lethe.audit.chain.CheckpointSigner;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.audit.retention.AuditRetention;
import io.lethe.lifecycle.erasure.Backoff;
import io.lethe.lifecycle.erasure.ErasureJob;
import io.lethe.lifecycle.erasure.Erasures;
import io.lethe.lifecycle.erasure.ServiceTermination;
import io.lethe.lifecycle.holds.LegalHolds;
import io.lethe.lifecycle.jobs.JobRunner;
import io.lethe.lifecycle.jobs.JobRuns;
import io.lethe.lifecycle.jobs.LifecycleJob;
import io.lethe.lifecycle.maintenance.AuditRetentionJob;
import io.lethe.lifecycle.maintenance.KeyRewrapJob;
import io.lethe.lifecycle.policy.RetentionPolicy;
import io.lethe.lifecycle.quartz.LifecycleScheduler;
import io.lethe.lifecycle.quartz.SchedulerSettings;
import io.lethe.lifecycle.redate.PolicyChange;
import io.lethe.lifecycle.redate.RetentionRedate;
import io.lethe.lifecycle.requests.SubjectRequests;
import io.lethe.lifecycle.retention.RetentionSweep;
import io.lethe.lifecycle.retention.SubjectAnonymization;
import io.lethe.lifecycle.retention.TombstonePurge;
import io.lethe.lifecycle.triggers.RetentionTriggers;
import io.lethe.server.config.AuditConfiguration.AuditCluster;
import io.lethe.storage.PersonalDataStore;
import io.lethe.storage.keys.KeyProvider;
import io.lethe.storage.objects.ObjectStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  SubjectRequests subjectRequests(AuditOutbox outbox, RetentionPolicy policy) {
    return new SubjectRequests(Clock.systemUTC(), outbox, policy.version());
  }

  @Bean
  RetentionTriggers retentionTriggers(RetentionPolicy policy) {
    return new RetentionTriggers(policy);
  }

  @Bean
  JobRuns jobRuns() {
    return new JobRuns();
  }

  @Bean
  Erasures erasures() {
    return new Erasures();
  }

  @Bean
  List<LifecycleJob> lifecycleJobs(RetentionPolicy policy, PersonalDataStore records,
      ObjectStore objects, LegalHolds holds, SubjectRequests requests, KeyProvider keys,
      AuditCluster audit, CheckpointSigner signer, DataSource dataSource,
      LetheProperties properties) {
    ErasureJob erasure = new ErasureJob(records, objects, holds, requests, Backoff.defaults(),
        Clock.systemUTC());
    return List.of(
        RetentionSweep.retentionSweep(policy, records, objects, holds),
        RetentionSweep.biometricPurge(policy, records, objects, holds),
        RetentionSweep.anonymization(policy, records, objects, holds), erasure,
        new TombstonePurge(objects, properties.lifecycle().tombstoneGrace()),
        new KeyRewrapJob(keys),
        // Dates existing records by the policy loaded now; fired at start when it changed.
        new RetentionRedate(policy),
        // Anonymizes what the policy anonymizes and erases the rest of everything not held: the
        // policies' promise when the service ends (ADR 0015).
        new ServiceTermination(erasure, new SubjectAnonymization(policy, records, objects), holds,
            requests),
        // Without an audit cluster the events stay in the outbox: there is no index to drop.
        new AuditRetentionJob(audit.index().map(index -> new AuditRetention(dataSource, index,
            properties.audit().retention(), Clock.systemUTC(), signer))));
  }

  @Bean(destroyMethod = "close")
  @DependsOn("databaseMigrations")
  LifecycleScheduler lifecycleScheduler(DataSource dataSource, AuditOutbox outbox,
      List<LifecycleJob> jobs, LetheProperties properties, RetentionPolicy policy) {
    // Refuses to start when the policy changed and lacks a rule for the class of stored records.
    boolean policyChanged = new PolicyChange(dataSource, policy).requiresRedate();
    JobRunner runner = new JobRunner(dataSource, outbox, Clock.systemUTC(),
        properties.lifecycle().batchSize());
    Map<String, String> cron = new HashMap<>();
    properties.lifecycle().schedules().forEach((job, expression) -> {
      if (expression != null && !expression.isBlank()) {
        cron.put(job, expression);
      }
    });
    SchedulerSettings defaults = SchedulerSettings.defaults(cron);
    // Refuses at start-up a schedule for a job that runs only on request (service-termination).
    LifecycleScheduler scheduler = LifecycleScheduler.create(dataSource, new SchedulerSettings(
        defaults.clusterName(), defaults.instanceId(), defaults.threads(), cron,
        properties.lifecycle().checkinInterval(), properties.lifecycle().abandonedAfter()), runner,
        jobs);
    scheduler.start();
    if (policyChanged) {
      // Records dated by an earlier version (or before dates had starts) follow this one; until
      // a run succeeds, every start fires one (ADR 0017).
      scheduler.runNow(RetentionRedate.NAME, false);
    }
    return scheduler;
  }
}
