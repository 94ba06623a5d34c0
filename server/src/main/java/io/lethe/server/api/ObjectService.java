package io.lethe.server.api;

import io.lethe.audit.AuditEvent;
import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.db.Transactions;
import io.lethe.server.problem.StatisticsPurposeException;
import io.lethe.server.security.AccessDeniedException;
import io.lethe.server.security.Caller;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.objects.ObjectContent;
import io.lethe.storage.objects.ObjectStore;
import io.lethe.storage.objects.StoredObject;
import io.lethe.storage.schema.Category;
import io.lethe.storage.schema.Schema;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Photos and files: permission by category, the change and its audit event together. */
@Service
class ObjectService {

  private final ObjectStore objects;
  private final Schema schema;
  private final Transactions transactions;
  private final AuditTrail audit;
  private final Caller caller;
  private final HoldGuard holds;
  private final SubjectWrites writes;

  ObjectService(ObjectStore objects, Schema schema, Transactions transactions, AuditTrail audit,
      Caller caller, HoldGuard holds, SubjectWrites writes) {
    this.writes = writes;
    this.holds = holds;
    this.objects = objects;
    this.schema = schema;
    this.transactions = transactions;
    this.audit = audit;
    this.caller = caller;
  }

  /** Permission {@code objects:create:<category>}. The body streams through, never buffered. */
  StoredObject put(UUID subjectId, String category, Optional<UUID> recordId, String contentType,
      InputStream body, long length) {
    Category parsed = category(category);
    AuditEvent.Builder failure = audit.event("object.put", Outcome.FAILURE).subject(subjectId);
    return audit.guarded(failure, () -> {
      caller.require("objects:create:" + parsed.yamlName());
      return transactions.inTransaction(c -> {
        StoredObject o = objects.put(c, subjectId, parsed, recordId, contentType, body, length);
        audit.record(c, audit.event("object.put", Outcome.SUCCESS).subject(subjectId)
            .object(o.id()).record(recordId.orElse(null), null).build());
        return o;
      });
    });
  }

  /**
   * Permission {@code objects:read:<category>:<purpose>}. The object is opened (its key
   * unwrapped) and the read committed to the audit trail (group commit) before the first byte
   * leaves.
   */
  OpenObject get(UUID objectId, String purpose) {
    AuditEvent.Builder failure = audit.event("object.get", Outcome.FAILURE).object(objectId)
        .purpose(purpose);
    return audit.guarded(failure, () -> {
      StatisticsPurposeException.refuseOnPersonalData(purpose);
      if (!schema.hasPurpose(purpose)) {
        throw new StorageException(StorageErrorCode.PURPOSE_UNKNOWN,
            "purpose '" + purpose + "' is not declared in the schema");
      }
      caller.requireAny("objects:read:<category>:" + purpose, java.util.Arrays.stream(
          Category.values()).map(cat -> "objects:read:" + cat.yamlName() + ":" + purpose).toList());
      OpenObject open = transactions.inTransaction(c -> {
        StoredObject found = objects.describe(c, objectId);
        caller.require("objects:read:" + found.category().yamlName() + ":" + purpose);
        return new OpenObject(found, objects.get(c, objectId, purpose));
      });
      try {
        audit.recordAccess(audit.event("object.get", Outcome.SUCCESS)
            .subject(open.object().subjectId()).object(objectId).purpose(purpose).build());
        return open;
      } catch (RuntimeException e) {
        try {
          open.close();
        } catch (java.io.IOException closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
    });
  }

  /** Permission {@code objects:delete:<category>}. */
  void delete(UUID objectId) {
    AuditEvent.Builder failure = audit.event("object.delete", Outcome.FAILURE).object(objectId);
    audit.guarded(failure, () -> transactions.inTransaction(c -> {
      caller.requireAny("objects:delete:<category>", java.util.Arrays.stream(Category.values())
          .map(cat -> "objects:delete:" + cat.yamlName()).toList());
      StoredObject o = objects.describe(c, objectId);
      caller.require("objects:delete:" + o.category().yamlName());
      writes.requireWritable(c, o.subjectId());
      if (o.recordId().isPresent()) {
        holds.recordNotHeld(c, o.recordId().get());
      } else {
        holds.subjectNotHeld(c, o.subjectId());
      }
      audit.record(c, audit.event("object.delete", Outcome.SUCCESS).subject(o.subjectId())
          .object(objectId).build());
      // Last: the bucket cannot roll back, so nothing may fail after it.
      objects.delete(c, objectId);
      return null;
    }));
  }

  /** An object opened for streaming: its metadata and its decrypting content. */
  record OpenObject(StoredObject object, ObjectContent content) implements AutoCloseable {
    @Override
    public void close() throws java.io.IOException {
      content.close();
    }
  }

  private static Category category(String name) {
    return Category.fromYamlName(name == null ? "" : name).orElseThrow(() ->
        new io.lethe.server.problem.BadRequestException("The parameter 'category' must be one of "
            + java.util.Arrays.stream(Category.values()).map(Category::yamlName).toList() + "."));
  }
}
