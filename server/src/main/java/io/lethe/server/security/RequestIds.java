package io.lethe.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is a plain token, else a
 * fresh one), echoed in the response and recorded in audit events, so a caller can quote it.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = RequestIds.class.getName();

  private RequestIds() {}

  static void assign(HttpServletRequest request, HttpServletResponse response) {
    String offered = request.getHeader(HEADER);
    String id = offered != null && offered.matches("[A-Za-z0-9._-]{1,64}")
        ? offered : UUID.randomUUID().toString();
    request.setAttribute(ATTRIBUTE, id);
    response.setHeader(HEADER, id);
  }

  public static String of(HttpServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    return id == null ? null : id.toString();
  }
}
