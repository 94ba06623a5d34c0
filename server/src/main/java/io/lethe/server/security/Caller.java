package io.lethe.server.security;

import org.apache.shiro.SecurityUtils;
import org.apache.shiro.subject.Subject;
import org.springframework.stereotype.Component;

/** The authenticated principal of the current request and its permission checks. */
@Component
public class Caller {

  public Principal principal() {
    return (Principal) subject().getPrincipal();
  }

  public boolean isPermitted(String permission) {
    return subject().isPermitted(permission);
  }

  /**
   * Requires a Shiro wildcard permission such as {@code records:read:identity:accident-handling}.
   *
   * @throws AccessDeniedException if the caller lacks it
   */
  public void require(String permission) {
    if (!isPermitted(permission)) {
      throw new AccessDeniedException(permission);
    }
  }

  private static Subject subject() {
    return SecurityUtils.getSubject();
  }
}
