package io.lethe.server.api;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import io.lethe.lifecycle.erasure.ServiceTermination;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRuns;
import io.lethe.lifecycle.quartz.LifecycleScheduler;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.config.LetheProperties;
import io.lethe.server.db.Transactions;
import io.lethe.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lifecycle jobs: their schedules, runs on request (or dry runs), progress and reports. */
@RestController
@RequestMapping(path = "/v1/jobs", produces = "application/json")
class JobsController {

  private final LifecycleScheduler scheduler;
  private final JobRuns runs;
  private final Transactions transactions;
  private final LetheProperties properties;
  private final AuditTrail audit;
  private final Caller caller;

  JobsController(LifecycleScheduler scheduler, JobRuns runs, Transactions transactions,
      LetheProperties properties, AuditTrail audit, Caller caller) {
    this.scheduler = scheduler;
    this.runs = runs;
    this.transactions = transactions;
    this.properties = properties;
    this.audit = audit;
    this.caller = caller;
  }

  /** The jobs and their cron schedules; permission jobs:read. */
  @GetMapping
  List<JobInfo> jobs() {
    caller.require("jobs:read");
    Map<String, String> schedules = properties.lifecycle().schedules();
    return scheduler.jobNames().stream().sorted()
        .map(name -> new JobInfo(name, schedules.getOrDefault(name, ""))).toList();
  }

  /**
   * Runs a job now, {@code {"dryRun":bool}} → 202 {"runId"}; permission jobs:run, and
   * service:terminate as well for {@code service-termination}.
   */
  @Operation(summary = "Run a lifecycle job now", description = "Permission jobs:run; for"
      + " service-termination also service:terminate (it erases every subject not under a legal"
      + " hold, and never runs on a schedule). Body {\"dryRun\":bool}; answers 202 {\"runId\"}.")
  @PostMapping("/{name}/runs")
  ResponseEntity<RunStarted> run(@PathVariable String name,
      @RequestBody(required = false) RunRequest body) {
    caller.require("jobs:run");
    if (ServiceTermination.NAME.equals(name)) {
      // Erases everything not held: an administrator's decision, not an operator's.
      caller.require("service:terminate");
    }
    if (!scheduler.jobNames().contains(name)) {
      throw new LifecycleException(LifecycleErrorCode.JOB_UNKNOWN, "no such job; the jobs are "
          + scheduler.jobNames());
    }
    UUID runId = scheduler.runNow(name, body != null && Boolean.TRUE.equals(body.dryRun()));
    audit.recordAlone(audit.event("job.run.request", Outcome.SUCCESS).category("process")
        .jobRun(runId).build());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RunStarted(runId));
  }

  /** One run with its status and counts; permission jobs:read. */
  @GetMapping("/runs/{runId}")
  JobRun run(@PathVariable UUID runId) {
    caller.require("jobs:read");
    return transactions.inTransaction(c -> runs.find(c, runId)).orElseThrow(() ->
        new LifecycleException(LifecycleErrorCode.JOB_RUN_NOT_FOUND, "no run " + runId));
  }

  /** Recent runs of a job, newest first; permission jobs:read. */
  @GetMapping("/runs")
  List<JobRun> history(@RequestParam String job, @RequestParam(defaultValue = "20") int limit) {
    caller.require("jobs:read");
    if (!scheduler.jobNames().contains(job)) {
      throw new LifecycleException(LifecycleErrorCode.JOB_UNKNOWN, "no such job; the jobs are "
          + scheduler.jobNames());
    }
    return transactions.inTransaction(c -> runs.recent(c, job, Math.max(1, Math.min(limit, 200))));
  }

  record JobInfo(String name, String schedule) {}

  /** {@code dryRun} may be left out (or the body omitted): a real run. */
  record RunRequest(Boolean dryRun) {}

  record RunStarted(UUID runId) {}
}
