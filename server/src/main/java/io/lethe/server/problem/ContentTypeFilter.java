package io.lethe.server.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body whose Content-Type is a wildcard ({@code *}/{@code *}), cannot be parsed, or is a
 * form ({@code application/x-www-form-urlencoded}, {@code multipart/*}), with a 415 problem.
 * Spring's body readers treat a wildcard as a programming error and would answer 500; a form
 * body is consumed by the container as parameters, so an endpoint whose body is optional would
 * see none and act on its defaults. No endpoint takes a form.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ContentTypeFilter extends OncePerRequestFilter {

  private final ProblemWriter problems;

  ContentTypeFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String header = request.getContentType();
    if (header != null && !acceptable(header)) {
      problems.write(request, response, ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "The Content-Type must be a concrete type such as application/json or image/jpeg.");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean acceptable(String header) {
    try {
      MediaType type = MediaType.parseMediaType(header);
      return !type.isWildcardType() && !type.isWildcardSubtype()
          && !MediaType.APPLICATION_FORM_URLENCODED.includes(type)
          && !"multipart".equals(type.getType());
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
