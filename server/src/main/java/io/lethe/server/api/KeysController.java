package io.lethe.server.api;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.lifecycle.maintenance.KeyRewrapJob;
import io.lethe.lifecycle.quartz.LifecycleScheduler;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.security.Caller;
import io.lethe.storage.SubjectKeyRewrap;
import io.lethe.storage.keys.KeyProvider;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * KEK rotation: a new KEK version, then every subject key rewrapped under it by the
 * {@code key-rewrap} job without decrypting any data (a run followed like any job at
 * {@code /v1/jobs/runs/{runId}}).
 */
@RestController
@RequestMapping(path = "/v1/keys", produces = "application/json")
class KeysController {

  private final KeyProvider keys;
  private final DataSource dataSource;
  private final LifecycleScheduler scheduler;
  private final AuditTrail audit;
  private final Caller caller;

  KeysController(KeyProvider keys, DataSource dataSource, LifecycleScheduler scheduler,
      AuditTrail audit, Caller caller) {
    this.keys = keys;
    this.dataSource = dataSource;
    this.scheduler = scheduler;
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

  /** Permission {@code keys:rotate} → 202 {"runId"} of the key-rewrap run it fired. */
  @Operation(summary = "Rotate the KEK", description = "Permission keys:rotate. Adds a KEK"
      + " version and fires the key-rewrap job; 202 {\"runId\"} of that run.")
  @PostMapping("/rotation")
  ResponseEntity<Map<String, Object>> rotate() {
    return audit.guarded(audit.event("key.rotate", Outcome.FAILURE).category("configuration"),
        () -> {
          caller.require("keys:rotate");
          keys.rotate();
          UUID runId = scheduler.runNow(KeyRewrapJob.NAME, false);
          audit.recordAlone(audit.event("key.rotate", Outcome.SUCCESS).category("configuration")
              .jobRun(runId).build());
          return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.<String, Object>of(
              "runId", runId, "kekVersion", keys.currentVersion()));
        });
  }
}
