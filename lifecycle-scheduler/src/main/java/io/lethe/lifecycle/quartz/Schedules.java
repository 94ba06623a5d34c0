package io.lethe.lifecycle.quartz;

import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import java.util.Map;
import java.util.Set;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/** Stores the jobs and makes their cron triggers match the configuration. */
final class Schedules {

  static final String GROUP = "lethe-lifecycle";
  private final Scheduler scheduler;

  Schedules(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void apply(Set<String> jobNames, Map<String, String> cronByJob) throws SchedulerException {
    for (String name : jobNames) {
      JobDetail detail = JobBuilder.newJob(QuartzJob.class)
          .withIdentity(JobKey.jobKey(name, GROUP))
          .storeDurably()
          // A fire whose node dies is fired again elsewhere; the runner continues its run.
          .requestRecovery(true)
          .build();
      scheduler.addJob(detail, true);
      TriggerKey key = TriggerKey.triggerKey("cron-" + name, GROUP);
      String cron = cronByJob.get(name);
      if (cron == null) {
        scheduler.unscheduleJob(key);
        continue;
      }
      if (!CronExpression.isValidExpression(cron)) {
        throw new LifecycleException(LifecycleErrorCode.SCHEDULE_INVALID,
            "job " + name + " has an invalid Quartz cron expression: " + cron);
      }
      Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(detail)
          // A fire missed while every node was down is dropped: the next one sweeps the same.
          .withSchedule(CronScheduleBuilder.cronSchedule(cron)
              .withMisfireHandlingInstructionDoNothing())
          .build();
      if (scheduler.checkExists(key)) {
        scheduler.rescheduleJob(key, trigger);
      } else {
        scheduler.scheduleJob(trigger);
      }
    }
  }
}
