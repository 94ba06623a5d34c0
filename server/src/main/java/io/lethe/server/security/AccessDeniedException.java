package io.lethe.server.security;

/** The caller lacks a permission. The message names the permission, which is not secret. */
public final class AccessDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String permission;

  public AccessDeniedException(String permission) {
    super("This API key lacks the permission '" + permission + "'.");
    this.permission = permission;
  }

  public String permission() {
    return permission;
  }

  private volatile boolean recorded;

  /** Set once an audit event describes this refusal, so it is recorded exactly once. */
  public void markRecorded() {
    recorded = true;
  }

  public boolean recorded() {
    return recorded;
  }
}
