package io.lethe.testsupport.vault;

/** Lets deeply nested code abandon a request with a finished error response. */
final class Fail extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final transient Resp resp;

  Fail(Resp resp) {
    super(resp.errors == null ? "" : String.join("; ", resp.errors), null, false, false);
    this.resp = resp;
  }

  static Fail user(String message) {
    return new Fail(Resp.error(message));
  }

  static Fail internal(String message) {
    return new Fail(Resp.internal(message));
  }
}
