package io.lethe.server.api;

import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.db.Transactions;
import io.lethe.server.problem.StatisticsPurposeException;
import io.lethe.server.security.Caller;
import io.lethe.storage.AnonymizedStatistics;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Counts over anonymized records only, for purpose {@code statistics} (ADR 0012). It reads the
 * anonymized tables and nothing else: no subject, no ciphertext, no key is touched.
 */
@RestController
class StatisticsController {

  private final AnonymizedStatistics statistics = new AnonymizedStatistics();
  private final Schema schema;
  private final Transactions transactions;
  private final AuditTrail audit;
  private final Caller caller;
  private final int minCount;

  StatisticsController(Schema schema, Transactions transactions, AuditTrail audit, Caller caller,
      @Value("${lethe.statistics.min-count:5}") int minCount) {
    if (minCount < 1) {
      throw new IllegalArgumentException("lethe.statistics.min-count must be at least 1");
    }
    this.schema = schema;
    this.transactions = transactions;
    this.audit = audit;
    this.caller = caller;
    this.minCount = minCount;
  }

  /**
   * Anonymized records of {@code type} per generalized value of {@code field}, most frequent
   * first. Values held by fewer than {@code lethe.statistics.min-count} records are not listed
   * but added up in {@code suppressed}: a count of one would confirm a known person's presence.
   * Permission {@code statistics:read}.
   */
  @GetMapping(path = "/v1/statistics", produces = "application/json")
  StatisticsResponse statistics(@RequestParam String type, @RequestParam String field) {
    AuditEvent.Builder failure = audit.event("statistics.read", Outcome.FAILURE)
        .purpose(StatisticsPurposeException.PURPOSE).record(null, type).fields(List.of(field));
    return audit.guarded(failure, () -> {
      caller.require("statistics:read");
      schema.recordType(type).orElseThrow(() -> new StorageException(
          StorageErrorCode.RECORD_TYPE_UNKNOWN, "record type '" + type + "' is not in the schema"))
          .field(field).orElseThrow(() -> new StorageException(StorageErrorCode.FIELD_UNKNOWN,
              "record type " + type + " has no field '" + field + "'"));
      StatisticsResponse response = transactions.inTransaction(c -> {
        Map<String, Long> listed = new LinkedHashMap<>();
        long suppressed = 0;
        for (Map.Entry<String, Long> e : statistics.countsByValue(c, type, field).entrySet()) {
          if (e.getValue() >= minCount) {
            listed.put(e.getKey(), e.getValue());
          } else {
            suppressed += e.getValue();
          }
        }
        long records = statistics.records(c, type);
        return new StatisticsResponse(type, field, StatisticsPurposeException.PURPOSE, records,
            listed, suppressed, minCount);
      });
      audit.recordAccess(audit.event("statistics.read", Outcome.SUCCESS)
          .purpose(StatisticsPurposeException.PURPOSE).record(null, type)
          .fields(List.of(field)).build());
      return response;
    });
  }

  /**
   * @param records anonymized records of the type, whether or not their copy kept the field
   * @param counts generalized value → records, only values with at least {@code minCount}
   * @param suppressed records whose value is held by fewer than {@code minCount} records
   */
  record StatisticsResponse(String type, String field, String purpose, long records,
      Map<String, Long> counts, long suppressed, int minCount) {}
}
