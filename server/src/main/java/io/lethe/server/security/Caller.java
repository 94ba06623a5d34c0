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

  /**
   * Requires at least one of {@code candidates}, before anything is looked up, so that a caller
   * without any such permission cannot learn whether an id exists. The finer check follows once
   * the resource is known.
   *
   * @param described the permission's shape for the error, e.g. records:read:<category>:<purpose>
   */
  public void requireAny(String described, java.util.Collection<String> candidates) {
    for (String permission : candidates) {
      if (isPermitted(permission)) {
        return;
      }
    }
    throw new AccessDeniedException(described);
  }

  private static Subject subject() {
    return SecurityUtils.getSubject();
  }
}
