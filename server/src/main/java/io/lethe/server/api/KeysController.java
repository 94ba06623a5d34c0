package io.lethe.server.api;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.lifecycle.jobs.Batch;
import io.lethe.lifecycle.jobs.JobCounts;
import io.lethe.lifecycle.jobs.JobRun;
import io.lethe.lifecycle.jobs.JobRunStatus;
import io.lethe.lifecycle.jobs.JobRuns;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.db.Transactions;
import io.lethe.server.security.Caller;
import io.lethe.storage.RewrapReport;
import io.lethe.storage.SubjectKeyRewrap;
import io.lethe.storage.keys.KeyProvider;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * KEK rotation: a new KEK version, then every subject key rewrapped under it in batches without
 * decrypting any data (a run followed like a job at {@code /v1/jobs/runs/{runId}}).
 */
@RestController
@RequestMapping(path = "/v1/keys", produces = "application/json")
class KeysController implements DisposableBean {

  static final String JOB = "key-rewrap";
  private final KeyProvider keys;
  private final DataSource dataSource;
  private final JobRuns runs;
  private final Transactions transactions;
  private final AuditTrail audit;
  private final Caller caller;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "key-rewrap");
    t.setDaemon(true);
    return t;
  });

  KeysController(KeyProvider keys, DataSource dataSource, JobRuns runs, Transactions transactions,
      AuditTrail audit, Caller caller) {
    this.keys = keys;
    this.dataSource = dataSource;
    this.runs = runs;
    this.transactions = transactions;
    this.audit = audit;
    this.caller = caller;
  }

  /** Permission {@code keys:read}: KEK versions and how many subject keys still use older ones. */
  @GetMapping
  Map<String, Object> status() {
    caller.require("keys:read");
    int current = keys.currentVersion();
    return Map.of("currentVersion", current, "minDecryptionVersion", keys.minDecryptionVersion(),
        "subjectKeysOnOlderVersions", SubjectKeyRewrap.remaining(dataSource, keys, current));
  }

  /** Permission {@code keys:rotate} → 202 {"runId"}; the rewrap runs in the background. */
  @PostMapping("/rotation")
  ResponseEntity<Map<String, Object>> rotate() {
    return audit.guarded(audit.event("key.rotate", Outcome.FAILURE).category("configuration"),
        () -> {
          caller.require("keys:rotate");
          keys.rotate();
          JobRun run = transactions.inTransaction(c -> {
            JobRun queued = runs.queue(c, JOB, false, Optional.empty(), Instant.now());
            audit.record(c, audit.event("key.rotate", Outcome.SUCCESS).category("configuration")
                .jobRun(queued.id()).build());
            return queued;
          });
          executor.submit(() -> rewrap(run.id()));
          return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.<String, Object>of(
              "runId", run.id(), "kekVersion", keys.currentVersion()));
        });
  }

  private void rewrap(UUID runId) {
    transactions.inTransaction(c -> runs.move(c, runId, JobRunStatus.RUNNING, Optional.empty(),
        Instant.now()));
    try {
      RewrapReport report = SubjectKeyRewrap.run(dataSource, keys, 500);
      transactions.inTransaction(c -> {
        // A rewrap deletes nothing: its counts are keys scanned and keys that failed.
        runs.recordBatch(c, runId, new Batch(new JobCounts(report.scanned(), 0, 0, 0, 0,
            report.failed()), Optional.empty(), Optional.empty()), Instant.now());
        audit.record(c, audit.event("key.rewrap", report.failed() == 0 ? Outcome.SUCCESS
            : Outcome.FAILURE).category("configuration").jobRun(runId).build());
        return runs.move(c, runId, report.failed() == 0 ? JobRunStatus.SUCCEEDED
            : JobRunStatus.FAILED, Optional.empty(), Instant.now());
      });
    } catch (RuntimeException e) {
      transactions.inTransaction(c -> runs.move(c, runId, JobRunStatus.FAILED,
          Optional.of(io.lethe.lifecycle.jobs.ErrorCodes.of(e)), Instant.now()));
    }
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
