package io.lethe.lifecycle.requests;

import io.lethe.audit.AuditEvent;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.lifecycle.Jdbc;
import io.lethe.lifecycle.LifecycleErrorCode;
import io.lethe.lifecycle.LifecycleException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The subject requests store. Every status change goes through {@link #transition}, which checks
 * {@link RequestStatus#allowed} under a row lock and writes the step and its audit event in the
 * caller's transaction (never commits). Audit events are {@code request.<status>} and carry ids
 * only; the request's id travels as the event's run id ({@code lethe.job_run_id}), since a
 * request is one run of work on a subject. Each request keeps the retention-policy version in
 * force when it was received (ADR 0007). Stateless and thread-safe.
 */
public final class SubjectRequests {

  /** The principal that carries requests out, in the events of every step after the first. */
  public static final String ACTOR = "lethe";

  private final Clock clock;
  private final AuditOutbox audit;
  private final String policyVersion;

  /** {@code policyVersion}: the version of the retention policy in force, for new requests. */
  public SubjectRequests(Clock clock, AuditOutbox audit, String policyVersion) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.policyVersion = Objects.requireNonNull(policyVersion, "policyVersion");
  }

  /** Puts a new request on record as {@link RequestStatus#RECEIVED}, audited as its requester. */
  public SubjectRequest receive(Connection c, UUID subjectId, RequestKind kind,
      String requestedBy) {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(requestedBy, "requestedBy");
    UUID id = UUID.randomUUID();
    Instant now = now();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO data_subject_requests (id,"
        + " subject_id, kind, status, requested_by, created_at, policy_version)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, id);
      ps.setObject(2, subjectId);
      ps.setString(3, kind.code());
      ps.setString(4, RequestStatus.RECEIVED.name());
      ps.setString(5, requestedBy);
      Jdbc.setInstant(ps, 6, now);
      ps.setString(7, policyVersion);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("record a subject request", e);
    }
    step(c, id, RequestStatus.RECEIVED, now);
    audit.append(c, AuditEvent.builder("request.received", AuditEvent.Outcome.SUCCESS)
        .timestamp(now).category("iam").actor(requestedBy, List.of()).subject(subjectId)
        .jobRun(id).build());
    return find(c, id).orElseThrow();
  }

  /**
   * Moves the request to {@code to} if the state table allows it.
   *
   * @throws LifecycleException {@code lifecycle.request.not-found} or
   *     {@code lifecycle.request.transition-invalid}
   */
  public SubjectRequest transition(Connection c, UUID id, RequestStatus to) {
    return transition(c, id, to, null);
  }

  /**
   * As {@link #transition(Connection, UUID, RequestStatus)}, naming the stable error code that
   * made the request fail or be refused (kept on the row and in the step's audit event).
   */
  public SubjectRequest transition(Connection c, UUID id, RequestStatus to, String errorCode) {
    Objects.requireNonNull(to, "to");
    Locked locked = lock(c, id);
    if (!RequestStatus.allowed(locked.status(), to)) {
      throw new LifecycleException(LifecycleErrorCode.REQUEST_TRANSITION_INVALID,
          "subject request " + id + " cannot move from " + locked.status() + " to " + to);
    }
    Instant now = now();
    try (PreparedStatement ps = c.prepareStatement("UPDATE data_subject_requests SET status = ?,"
        + " finished_at = ?, error_code = COALESCE(?, error_code) WHERE id = ?")) {
      ps.setString(1, to.name());
      Jdbc.setInstant(ps, 2, to.isFinal() ? now : null);
      ps.setString(3, errorCode);
      ps.setObject(4, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("change a subject request's status", e);
    }
    step(c, id, to, now);
    AuditEvent.Outcome outcome = to == RequestStatus.FAILED || to == RequestStatus.REFUSED
        ? AuditEvent.Outcome.FAILURE : AuditEvent.Outcome.SUCCESS;
    audit.append(c, AuditEvent.builder("request." + to.name().toLowerCase(java.util.Locale.ROOT),
        outcome).timestamp(now).category("iam").actor(ACTOR, List.of("system"))
        .subject(locked.subjectId()).jobRun(id).errorCode(errorCode).build());
    return find(c, id).orElseThrow();
  }

  /** The request with its history, oldest step first. */
  public Optional<SubjectRequest> find(Connection c, UUID id) {
    Objects.requireNonNull(id, "id");
    try (PreparedStatement ps = c.prepareStatement("SELECT subject_id, kind, status,"
        + " requested_by, created_at, finished_at, policy_version FROM data_subject_requests"
        + " WHERE id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new SubjectRequest(id, rs.getObject("subject_id", UUID.class),
            RequestKind.fromCode(rs.getString("kind")).orElseThrow(),
            RequestStatus.valueOf(rs.getString("status")), rs.getString("requested_by"),
            Jdbc.instant(rs, "created_at").orElseThrow(), Jdbc.instant(rs, "finished_at"),
            Optional.ofNullable(rs.getString("policy_version")), history(c, id)));
      }
    } catch (SQLException e) {
      throw Jdbc.failed("read a subject request", e);
    }
  }

  private List<SubjectRequest.Step> history(Connection c, UUID id) throws SQLException {
    List<SubjectRequest.Step> steps = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT status, entered_at FROM"
        + " data_subject_request_steps WHERE request_id = ? ORDER BY seq")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          steps.add(new SubjectRequest.Step(RequestStatus.valueOf(rs.getString("status")),
              Jdbc.instant(rs, "entered_at").orElseThrow()));
        }
      }
    }
    return steps;
  }

  private record Locked(RequestStatus status, UUID subjectId) {}

  private static Locked lock(Connection c, UUID id) {
    try (PreparedStatement ps = c.prepareStatement("SELECT status, subject_id FROM"
        + " data_subject_requests WHERE id = ? FOR UPDATE")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new LifecycleException(LifecycleErrorCode.REQUEST_NOT_FOUND,
              "subject request " + id + " does not exist");
        }
        return new Locked(RequestStatus.valueOf(rs.getString("status")),
            rs.getObject("subject_id", UUID.class));
      }
    } catch (SQLException e) {
      throw Jdbc.failed("lock a subject request", e);
    }
  }

  private static void step(Connection c, UUID id, RequestStatus status, Instant at) {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO data_subject_request_steps"
        + " (request_id, seq, status, entered_at) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ? FROM"
        + " data_subject_request_steps WHERE request_id = ?")) {
      ps.setObject(1, id);
      ps.setString(2, status.name());
      Jdbc.setInstant(ps, 3, at);
      ps.setObject(4, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Jdbc.failed("record a subject request's step", e);
    }
  }

  /** Microseconds: what PostgreSQL stores, so a value read back equals the one returned. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
