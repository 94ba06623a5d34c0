package io.lethe.server.security;

import io.lethe.server.audit.AuditTrail;
import io.lethe.server.db.DatabaseUnavailableException;
import io.lethe.server.problem.ApiErrorCode;
import io.lethe.server.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.BearerToken;
import org.apache.shiro.mgt.SecurityManager;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.subject.support.SubjectThreadState;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>} and binds the Shiro subject to the
 * request thread. A request without a valid key never reaches a controller.
 */
final class BearerAuthenticationFilter extends OncePerRequestFilter {

  private final SecurityManager securityManager;
  private final ProblemWriter problems;
  private final AuditTrail audit;

  BearerAuthenticationFilter(SecurityManager securityManager, ProblemWriter problems,
      AuditTrail audit) {
    this.securityManager = securityManager;
    this.problems = problems;
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    RequestIds.assign(request, response);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/actuator/health")) {
      chain.doFilter(request, response);
      return;
    }
    String header = request.getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ") || header.length() <= 7) {
      audit.authenticationFailed(request, ApiErrorCode.AUTH_MISSING);
      response.setHeader("WWW-Authenticate", "Bearer");
      problems.write(request, response, ApiErrorCode.AUTH_MISSING,
          "Send an API key as 'Authorization: Bearer <key>'.");
      return;
    }
    Subject subject = new Subject.Builder(securityManager).sessionCreationEnabled(false)
        .buildSubject();
    try {
      subject.login(new BearerToken(header.substring(7).trim(), request.getRemoteAddr()));
    } catch (AuthenticationException e) {
      if (databaseDown(e)) {
        // Nothing can be audited either: the outbox lives in the same database.
        problems.write(response, ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE,
            "Database unavailable", "storage.database",
            "The database is unavailable; nothing was changed. Retry later.", request));
        return;
      }
      audit.authenticationFailed(request, ApiErrorCode.AUTH_INVALID);
      response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      problems.write(request, response, ApiErrorCode.AUTH_INVALID,
          "The API key is unknown, revoked or malformed.");
      return;
    }
    SubjectThreadState state = new SubjectThreadState(subject);
    state.bind();
    try {
      if (path.startsWith("/actuator/") && !subject.isPermitted("metrics:read")) {
        audit.accessDenied(request, "metrics:read");
        problems.write(request, response, ApiErrorCode.ACCESS_DENIED,
            "This API key lacks the permission 'metrics:read'.");
        return;
      }
      chain.doFilter(request, response);
    } finally {
      state.restore();
    }
  }

  /** Shiro wraps whatever the realm throws; a database failure is not a bad key. */
  private static boolean databaseDown(AuthenticationException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DatabaseUnavailableException) {
        return true;
      }
    }
    return false;
  }
}
