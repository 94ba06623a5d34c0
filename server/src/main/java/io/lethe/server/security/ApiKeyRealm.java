package io.lethe.server.security;

import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.BearerToken;
import org.apache.shiro.authc.IncorrectCredentialsException;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.credential.AllowAllCredentialsMatcher;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;

/**
 * Authenticates bearer API keys against {@link PrincipalStore} and grants the principal's Shiro
 * wildcard permissions. Unknown keys, revoked keys and wrong secrets fail alike, so a caller
 * cannot tell which one it guessed.
 */
final class ApiKeyRealm extends AuthorizingRealm {

  private final PrincipalStore store;
  private final RoleCatalog roles;

  ApiKeyRealm(PrincipalStore store, RoleCatalog roles) {
    this.store = store;
    this.roles = roles;
    setAuthenticationTokenClass(BearerToken.class);
    // The secret is compared (in constant time) while loading, against its stored digest.
    setCredentialsMatcher(new AllowAllCredentialsMatcher());
    setAuthenticationCachingEnabled(false);
    setAuthorizationCachingEnabled(false);
    setName("api-keys");
  }

  @Override
  protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token)
      throws AuthenticationException {
    BearerToken bearer = (BearerToken) token;
    ApiKey key = ApiKey.parse(bearer.getToken())
        .orElseThrow(() -> new IncorrectCredentialsException("not an API key"));
    PrincipalStore.Credentials credentials = store.findActive(key.keyId())
        .filter(c -> key.matches(c.keyDigest()))
        .orElseThrow(() -> new IncorrectCredentialsException("unknown, revoked or wrong key"));
    return new SimpleAuthenticationInfo(credentials.principal(), bearer.getCredentials(), getName());
  }

  @Override
  protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
    Principal principal = (Principal) principals.getPrimaryPrincipal();
    SimpleAuthorizationInfo info = new SimpleAuthorizationInfo(
        new java.util.HashSet<>(principal.roles()));
    // The roles' permissions as configured now, plus the principal's own extra ones.
    info.addStringPermissions(roles.permissionsOf(principal.roles()));
    info.addStringPermissions(principal.permissions());
    return info;
  }
}
