package io.lethe.server.audit;

import io.lethe.audit.AuditEvent;
import io.lethe.audit.outbox.AuditOutbox;
import io.lethe.audit.outbox.OutboxGroupCommit;
import io.lethe.server.problem.ApiErrorCode;
import io.lethe.server.security.Principal;
import io.lethe.server.security.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Connection;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.UnavailableSecurityManagerException;
import org.apache.shiro.subject.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Builds audit events from the current request (actor, roles, source address, request id, path)
 * and writes them: with a change in its transaction; for an access that changes nothing, or a
 * refused attempt, through the group commit, which shares one transaction among concurrent
 * accesses (ADR 0016, 2026-12).
 */
@Component
public class AuditTrail {

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  private final AuditOutbox outbox;
  private final OutboxGroupCommit groupCommit;

  AuditTrail(AuditOutbox outbox, OutboxGroupCommit groupCommit) {
    this.outbox = outbox;
    this.groupCommit = groupCommit;
  }

  /** An event about the current request, ready for resource fields. */
  public AuditEvent.Builder event(String action, AuditEvent.Outcome outcome) {
    AuditEvent.Builder event = AuditEvent.builder(action, outcome);
    Principal principal = currentPrincipal();
    if (principal != null) {
      event.actor(principal.name(), principal.roles());
    }
    HttpServletRequest request = currentRequest();
    if (request != null) {
      event.request(request.getRemoteAddr(), RequestIds.of(request), request.getRequestURI());
    }
    return event;
  }

  /** Writes the event in the caller's transaction (fails the transaction if it cannot). */
  public void record(Connection connection, AuditEvent event) {
    outbox.append(connection, event);
  }

  /**
   * Commits the event of an access that changed nothing, after the access's own transaction
   * and before its data leaves; returns once the event is committed.
   *
   * @throws io.lethe.audit.AuditException {@code OUTBOX_UNAVAILABLE} if it could not be: the
   *     access must then be refused, its data withheld
   */
  public void recordAccess(AuditEvent event) {
    groupCommit.append(event);
  }

  /**
   * Runs {@code work}; if it is refused or fails for a reason with a stable code, the attempt is
   * recorded as {@code failure} with that code (in its own transaction, since the work's rolled
   * back) and the exception propagates unchanged.
   */
  public <T> T guarded(AuditEvent.Builder failure, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (io.lethe.storage.StorageException e) {
      recordAlone(failure.errorCode(e.code().code()).build());
      throw e;
    } catch (io.lethe.lifecycle.LifecycleException e) {
      recordAlone(failure.errorCode(e.code().code()).build());
      throw e;
    } catch (io.lethe.server.security.AccessDeniedException e) {
      recordAlone(failure.errorCode("access.denied").build());
      e.markRecorded();
      throw e;
    } catch (io.lethe.server.problem.ApiProblemException e) {
      recordAlone(failure.errorCode(e.code().code()).build());
      throw e;
    } catch (io.lethe.server.problem.HeldException e) {
      recordAlone(failure.errorCode("lifecycle.held").build());
      throw e;
    } catch (io.lethe.server.problem.StatisticsPurposeException e) {
      recordAlone(failure.errorCode(
          io.lethe.server.problem.ApiErrorCode.PURPOSE_STATISTICS_ONLY.code()).build());
      throw e;
    }
  }

  /** Writes a refused or failed attempt on its own; a failure here is logged, not thrown. */
  public void recordAlone(AuditEvent event) {
    try {
      groupCommit.append(event);
    } catch (RuntimeException e) {
      log.error("Could not record a refused {} attempt (event {})", event.action(), event.id(), e);
    }
  }

  public void authenticationFailed(HttpServletRequest request, ApiErrorCode code) {
    recordAlone(AuditEvent.builder("auth.authenticate", AuditEvent.Outcome.FAILURE)
        .category("authentication")
        .request(request.getRemoteAddr(), RequestIds.of(request), request.getRequestURI())
        .errorCode(code.code())
        .build());
  }

  /** A refused permission outside a controller (the operations endpoints). */
  public void accessDenied(HttpServletRequest request, String permission) {
    recordAlone(event("access.check", AuditEvent.Outcome.FAILURE).category("iam")
        .request(request.getRemoteAddr(), RequestIds.of(request), request.getRequestURI())
        .errorCode("access.denied").build());
  }

  private static Principal currentPrincipal() {
    try {
      Subject subject = SecurityUtils.getSubject();
      return subject.getPrincipal() instanceof Principal p ? p : null;
    } catch (UnavailableSecurityManagerException outsideARequest) {
      return null;
    }
  }

  private static HttpServletRequest currentRequest() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
        ? a.getRequest() : null;
  }
}
