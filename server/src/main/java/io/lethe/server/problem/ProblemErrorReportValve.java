package io.lethe.server.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own refusals, for requests it rejects before Spring sees them (a path with an encoded
 * slash, a NUL or bytes that are not UTF-8), as problems with a code instead of Tomcat's HTML
 * page. Like every problem, they never quote the request back.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    ApiErrorCode code = status == 400 ? ApiErrorCode.REQUEST_MALFORMED
        : status == 404 ? ApiErrorCode.NOT_FOUND
        : status == 405 ? ApiErrorCode.METHOD_NOT_ALLOWED
        : status == 413 ? ApiErrorCode.PAYLOAD_TOO_LARGE
        : status < 500 ? ApiErrorCode.REQUEST_INVALID : ApiErrorCode.INTERNAL;
    String detail = status == 400 ? "The request line or its headers are not valid (an encoded "
        + "slash, a NUL or bytes that are not UTF-8 in the path are refused)."
        : status < 500 ? "The request was refused before it reached the API."
        : "An internal error occurred.";
    String json = "{\"type\":\"https://lethe.io/problems/" + code.code() + "\",\"title\":\""
        + (known == null ? code.title() : known.getReasonPhrase()) + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\",\"code\":\"" + code.code() + "\"}";
    try {
      response.setContentType(ProblemWriter.MEDIA_TYPE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(json);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away or the response was committed: nothing more can be sent.
    }
  }
}
