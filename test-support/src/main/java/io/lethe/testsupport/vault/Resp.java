package io.lethe.testsupport.vault;

import java.util.ArrayList;
import java.util.List;

/** What a handler answers; {@link HttpFront} turns it into bytes the way Vault's http package does. */
final class Resp {

  enum Kind { ENVELOPE, EMPTY, ERRORS, RAW, PLAIN }

  final Kind kind;
  final int status;
  Object data;
  List<String> warnings;
  GoJson.Struct auth;
  /** null means "the mount's type"; Vault leaves it empty on logins and raw-status answers. */
  String mountType;
  /** sys/mounts and friends copy data into the top level of the body. */
  boolean injectTopLevel;
  final List<String> errors;
  Object plainBody;

  private Resp(Kind kind, int status, List<String> errors) {
    this.kind = kind;
    this.status = status;
    this.errors = errors;
  }

  static Resp data(Object data) {
    Resp r = new Resp(Kind.ENVELOPE, 200, null);
    r.data = data;
    return r;
  }

  static Resp auth(GoJson.Struct auth, String mountType) {
    Resp r = new Resp(Kind.ENVELOPE, 200, null);
    r.auth = auth;
    r.mountType = mountType;
    return r;
  }

  static Resp empty() {
    return new Resp(Kind.EMPTY, 204, null);
  }

  /** {@code logical.ErrorResponse}: 400 with the message verbatim. */
  static Resp error(String message) {
    return new Resp(Kind.ERRORS, 400, List.of(message));
  }

  static Resp errors(int status, String... messages) {
    return new Resp(Kind.ERRORS, status, List.of(messages));
  }

  static Resp notFound() {
    return errors(404);
  }

  static Resp unsupportedPath() {
    return errors(404, multi("unsupported path"));
  }

  static Resp unsupportedOperation() {
    return errors(405, multi("unsupported operation"));
  }

  static Resp internal(String message) {
    return errors(500, multi(message));
  }

  /** {@code logical.RespondWithStatusCode}: the whole envelope under another status. */
  static Resp raw(int status, Resp envelope) {
    Resp r = new Resp(Kind.RAW, status, null);
    r.data = envelope.data;
    r.warnings = envelope.warnings;
    r.mountType = "";
    return r;
  }

  static Resp plain(int status, Object body) {
    Resp r = new Resp(Kind.PLAIN, status, null);
    r.plainBody = body;
    return r;
  }

  Resp warn(String warning) {
    if (warnings == null) {
      warnings = new ArrayList<>();
    }
    warnings.add(warning);
    return this;
  }

  /** hashicorp/go-multierror's text for a list of errors. */
  static String multi(String... errors) {
    StringBuilder sb = new StringBuilder();
    sb.append(errors.length == 1 ? "1 error occurred:\n" : errors.length + " errors occurred:\n");
    for (String e : errors) {
      sb.append("\t* ").append(e).append('\n');
    }
    return sb.append('\n').toString();
  }
}
