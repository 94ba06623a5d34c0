package io.lethe.server.problem;

import io.lethe.server.security.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 7807 problem details with Lethe's stable {@code code} and the request id. Details are
 * written for a person to act on and never contain a submitted value.
 */
@Component
public class ProblemWriter {

  public static final String MEDIA_TYPE = "application/problem+json";
  private final JsonMapper json;

  ProblemWriter(JsonMapper json) {
    this.json = json;
  }

  public static ProblemDetail problem(HttpStatusCode status, String title, String code,
      String detail, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setType(URI.create("https://lethe.io/problems/" + code));
    problem.setProperty("code", code);
    if (request != null) {
      // The occurrence, named by its request id: the request's path would quote the caller's
      // input (ids, traversal attempts) back.
      String requestId = RequestIds.of(request);
      problem.setInstance(URI.create("urn:lethe:request:" + requestId));
      problem.setProperty("requestId", requestId);
    }
    return problem;
  }

  public static ProblemDetail problem(ApiErrorCode code, String detail, HttpServletRequest request) {
    return problem(code.status(), code.title(), code.code(), detail, request);
  }

  /** Writes a problem where no controller runs (filters). */
  public void write(HttpServletRequest request, HttpServletResponse response, ApiErrorCode code,
      String detail) throws IOException {
    write(response, problem(code, detail, request));
  }

  /** Writes a problem built by {@link #problem} where no controller runs (filters). */
  public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MEDIA_TYPE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
