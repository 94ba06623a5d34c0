package io.lethe.testsupport.vault;

import java.util.Map;

/** One logical request after the HTTP layer has parsed it. */
final class Req {
  Op op;
  /** Path below /v1/, with the trailing slash Vault appends for lists. */
  final String path;
  final Map<String, Object> data;
  final String requestId;
  /** Null on unauthenticated paths. */
  Tokens.Entry token;
  Mount mount;
  /** Path below the mount. */
  String subPath;

  Req(Op op, String path, Map<String, Object> data, String requestId) {
    this.op = op;
    this.path = path;
    this.data = data;
    this.requestId = requestId;
  }
}
