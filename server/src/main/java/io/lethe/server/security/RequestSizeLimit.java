package io.lethe.server.security;

import io.lethe.server.problem.ApiErrorCode;
import io.lethe.server.problem.BodyTooLargeException;
import io.lethe.server.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies: uploads of objects by {@code lethe.limits.upload-max-size}, every other
 * body (JSON) by {@code lethe.limits.json-max-size}. A declared length over the limit is refused
 * before a byte is read; a body without one is counted as it streams and ends with
 * {@link BodyTooLargeException} at the first byte too many, which aborts the write it feeds.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

  private static final Pattern UPLOAD = Pattern.compile("/v1/subjects/[^/]+/objects/?");

  private final long jsonMax;
  private final long uploadMax;
  private final ProblemWriter problems;

  RequestSizeLimit(long jsonMax, long uploadMax, ProblemWriter problems) {
    this.jsonMax = jsonMax;
    this.uploadMax = uploadMax;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean upload = "POST".equals(request.getMethod()) && UPLOAD.matcher(path).matches();
    long limit = upload ? uploadMax : jsonMax;
    String setting = upload ? "lethe.limits.upload-max-size" : "lethe.limits.json-max-size";
    if (request.getContentLengthLong() > limit) {
      problems.write(request, response, ApiErrorCode.PAYLOAD_TOO_LARGE,
          new BodyTooLargeException(limit, setting).getMessage());
      return;
    }
    chain.doFilter(new Bounded(request, limit, setting), response);
  }

  /** The request with its body counted against the limit. */
  private static final class Bounded extends HttpServletRequestWrapper {
    private final long limit;
    private final String setting;
    private ServletInputStream counted;

    Bounded(HttpServletRequest request, long limit, String setting) {
      super(request);
      this.limit = limit;
      this.setting = setting;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (counted == null) {
        counted = new Counted(super.getInputStream(), limit, setting);
      }
      return counted;
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
          getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
    }
  }

  private static final class Counted extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private final String setting;
    private long read;

    Counted(ServletInputStream in, long limit, String setting) {
      this.in = in;
      this.limit = limit;
      this.setting = setting;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      read += n;
      if (read > limit) {
        throw new BodyTooLargeException(limit, setting);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
