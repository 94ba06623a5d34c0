package io.lethe.storage.keys.vault;

import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.lethe.storage.keys.VaultTransitConfig;
import io.lethe.storage.keys.VaultTransitConfig.AppRole;
import io.lethe.storage.keys.VaultTransitConfig.Token;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * An authenticated connection to Vault. With AppRole it logs in, renews its token after two
 * thirds of the lease, and logs in again when renewal fails or Vault calls the token invalid
 * (expired or revoked); the failed request is then retried once. Thread-safe: requests run in
 * parallel; login and renewal are serialised.
 */
final class VaultSession {

  /** One request through the driver, against an authenticated client. */
  interface Request {
    LogicalResponse send(Vault vault) throws VaultException;
  }

  /** The client for one token, and when to renew it. Holds the token only inside the driver. */
  private static final class Lease {
    final Vault vault;
    final Instant renewAt;
    final boolean renewable;

    Lease(Vault vault, Instant renewAt, boolean renewable) {
      this.vault = vault;
      this.renewAt = renewAt;
      this.renewable = renewable;
    }
  }

  /** Lethe's settings decide, not VAULT_TOKEN or VAULT_ADDR in the environment. */
  private static final EnvironmentLoader NO_ENVIRONMENT = new EnvironmentLoader() {
    @Override
    public String loadVariable(String name) {
      return null;
    }
  };

  private final VaultTransitConfig config;
  private final Clock clock;
  private final VaultFailures failures;
  private volatile Lease lease;

  private VaultSession(VaultTransitConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.failures = new VaultFailures(config.address());
  }

  static VaultSession open(VaultTransitConfig config, Clock clock) {
    VaultSession s = new VaultSession(config, clock);
    s.lease = s.authenticate();
    return s;
  }

  VaultFailures failures() {
    return failures;
  }

  /**
   * Sends the request and returns Vault's answer for 2xx, 400 and 404, which the caller
   * interprets; 403 and every transport or server failure throw a translated exception.
   */
  LogicalResponse send(String action, String path, Request request) {
    for (int attempt = 0; ; attempt++) {
      Lease current = currentLease();
      LogicalResponse r;
      try {
        r = request.send(current.vault);
      } catch (VaultException e) {
        throw failures.thrown(action, e);
      }
      int status = r.getRestResponse().getStatus();
      if (status == 403 && VaultFailures.isInvalidToken(r)) {
        if (attempt == 0 && config.auth() instanceof AppRole) {
          reauthenticate(current);
          continue;
        }
        throw failures.invalidToken(config.auth() instanceof AppRole);
      }
      if (status == 403) {
        throw failures.forbidden(action, config.mount() + "/" + path);
      }
      if (status == 503 && VaultFailures.isSealed(r)) {
        throw failures.sealed();
      }
      return r;
    }
  }

  /**
   * The driver client for a token, always on KV engine version 1: the driver's default (2)
   * rewrites {@code transit/x} into {@code transit/data/x}, which Vault answers with 404.
   * A fresh {@link VaultConfig} per client, because the driver mutates the one it is given.
   */
  static Vault driver(VaultConfig vaultConfig, VaultTransitConfig config) {
    return Vault.create(vaultConfig, 1)
        .withRetries(config.maxRetries(), (int) config.retryInterval().toMillis());
  }

  static VaultConfig driverConfig(VaultTransitConfig config, String token) {
    try {
      return new VaultConfig().environmentLoader(NO_ENVIRONMENT).address(config.address())
          .token(token)
          .openTimeout((int) config.openTimeout().toSeconds())
          .readTimeout((int) config.readTimeout().toSeconds())
          .build();
    } catch (VaultException e) {
      throw new IllegalArgumentException("invalid Vault client settings for " + config.address());
    }
  }

  private Lease currentLease() {
    Lease l = lease;
    return clock.instant().isBefore(l.renewAt) ? l : renew(l);
  }

  private synchronized Lease renew(Lease seen) {
    if (lease != seen) {
      return lease; // another thread renewed already
    }
    if (seen.renewable) {
      try {
        AuthResponse r = seen.vault.auth().renewSelf();
        lease = new Lease(seen.vault, renewAt(r.getAuthLeaseDuration()), r.isAuthRenewable());
        return lease;
      } catch (VaultException renewalFailed) {
        // Fall through to a fresh login, the remedy for any renewal failure.
      }
    }
    lease = authenticate();
    return lease;
  }

  private synchronized void reauthenticate(Lease failed) {
    if (lease == failed) {
      lease = authenticate();
    }
  }

  private Lease authenticate() {
    if (config.auth() instanceof Token t) {
      return new Lease(driver(driverConfig(config, t.token()), config), Instant.MAX, false);
    }
    AppRole role = (AppRole) config.auth();
    AuthResponse r;
    try {
      r = driver(driverConfig(config, null), config).auth()
          .loginByAppRole(role.mountPath(), role.roleId(), role.secretId());
    } catch (VaultException e) {
      int status = e.getHttpStatusCode();
      if (status == 0 || status >= 500) {
        throw failures.thrown("log in with AppRole", e);
      }
      throw failures.loginFailed(role.mountPath(), status);
    }
    Vault vault = driver(driverConfig(config, r.getAuthClientToken()), config);
    return new Lease(vault, renewAt(r.getAuthLeaseDuration()), r.isAuthRenewable());
  }

  /** After two thirds of the lease; a lease of 0 means the token does not expire. */
  private Instant renewAt(long leaseSeconds) {
    if (leaseSeconds <= 0) {
      return Instant.MAX;
    }
    return clock.instant().plus(Duration.ofSeconds(leaseSeconds).multipliedBy(2).dividedBy(3));
  }
}
