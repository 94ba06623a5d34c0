package io.lethe.benchmarks;

import io.lethe.audit.AuditEvent;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Events shaped like a server's {@code record.read}: a service reading three identity fields of
 * one record for a named purpose. Ids only, field names only: no value ever enters an event.
 */
final class LoadEvents {

  private static final List<String> ACTORS = List.of("svc-claims", "svc-underwriting",
      "svc-helpdesk", "admin-ops");
  private static final List<String> PURPOSES = List.of("accident-handling", "fraud-check",
      "customer-support");
  private static final List<String> FIELDS = List.of("name", "id_number", "phone");

  private LoadEvents() {}

  static AuditEvent recordRead(UUID subjectId, UUID recordId) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return AuditEvent.builder("record.read", AuditEvent.Outcome.SUCCESS)
        .actor(ACTORS.get(r.nextInt(ACTORS.size())), List.of("service"))
        .request("127.0.0.1", UUID.randomUUID().toString(), "/v1/records/" + recordId)
        .purpose(PURPOSES.get(r.nextInt(PURPOSES.size())))
        .subject(subjectId)
        .record(recordId, "identity")
        .fields(FIELDS)
        .build();
  }
}
