package io.lethe.testsupport.vault;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process stand-in for HashiCorp Vault CE 1.17 (Transit, token and AppRole auth, sys, KV v2)
 * that reproduces Vault's HTTP behaviour as documented in the project's Vault API notes, for tests
 * of code built on vault-java-driver. Real Vault cannot run on the build machines.
 *
 * <p>A fresh server looks like {@code vault server -dev} plus transit: {@code sys/},
 * {@code auth/token/}, {@code cubbyhole/}, {@code identity/}, KV v2 at {@code secret/} and transit
 * at {@code transit/}. State lives in memory and survives {@link #stop()}/{@link #restart()}, which
 * keep the port, so clients can be tested against an outage.
 *
 * <p>ACL policies use Vault's HCL stanza syntax, restricted to path rules:
 * <pre>{@code
 * server.putPolicy("orders-encrypt", """
 *     path "transit/encrypt/orders" { capabilities = ["create", "update"] }
 *     path "transit/keys/*"         { capabilities = ["read", "list"] }
 *     """);
 * }</pre>
 * or, equivalently, {@code putPolicy(name, rule("transit/encrypt/orders", "create", "update"), ...)}.
 * A trailing {@code *} is a prefix glob, {@code +} matches one segment; capabilities are create,
 * read, update, delete, list, patch, sudo and deny.
 */
public final class VaultTestServer implements AutoCloseable {

  private final VaultState state = new VaultState();
  private final HttpFront front;
  private final int port;
  private HttpServer server;
  private ExecutorService executor;

  private VaultTestServer() {
    SysBackend sys = new SysBackend(state);
    front = new HttpFront(state, sys);
    mount("sys/", "system", false, null, "system endpoints used for control, policy and debugging", sys);
    mount("auth/token/", "token", true, null, "token based credentials", new TokenBackend(state));
    mount("cubbyhole/", "cubbyhole", false, null, "per-token private secret storage", empty("cubbyhole"));
    mount("identity/", "identity", false, null, "identity store", empty("identity"));
    mount("secret/", "kv", false, new TreeMap<>(Map.of("version", "2")), "key/value secret storage",
        new KvV2Backend());
    mount("transit/", "transit", false, null, "", new TransitBackend(state));
    this.port = listen(0);
  }

  /** Starts a server with fresh state on a free loopback port. */
  public static VaultTestServer start() {
    return new VaultTestServer();
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String address() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The root token (an opaque random {@code hvs.} string, policies {@code ["root"]}). */
  public String rootToken() {
    return state.root.id;
  }

  /**
   * A service token with the given ACL policies plus "default", a TTL of 768h and no parent, as
   * {@code vault token create -policy=...} from a root token would give.
   */
  public String createToken(String... policies) {
    synchronized (state) {
      return state.tokens.create(Tokens.normalize(List.of(policies), true), "auth/token/create", "token",
          null, Tokens.DEFAULT_TTL, false, "", 0).id;
    }
  }

  /** Makes a token unknown, as after revocation or expiry; later uses get the "invalid token" 403. */
  public void revokeToken(String token) {
    synchronized (state) {
      state.tokens.revoke(token);
    }
  }

  /**
   * Creates or replaces an ACL policy, written as HCL path stanzas (see the class comment).
   *
   * @throws IllegalArgumentException if the text is not a sequence of path stanzas
   */
  public void putPolicy(String name, String hclRules) {
    synchronized (state) {
      state.putPolicy(name, hclRules);
    }
  }

  /** Creates or replaces an ACL policy made of the given stanzas, each built by {@link #rule}. */
  public void putPolicy(String name, String firstRule, String... moreRules) {
    putPolicy(name, firstRule + String.join("", moreRules));
  }

  /** One HCL stanza: {@code path "<glob>" { capabilities = [...] }}. */
  public static String rule(String pathGlob, String... capabilities) {
    return Acl.stanza(pathGlob, capabilities);
  }

  /**
   * Enables AppRole at {@code auth/approle/} if it is not yet enabled, creates (or updates) the
   * role with the given token policies, and issues a secret ID.
   *
   * @return {@code {roleId, secretId}}
   */
  public String[] approle(String roleName, String... policies) {
    synchronized (state) {
      Mount m = state.mounts.get("auth/approle/");
      if (m == null) {
        m = mount("auth/approle/", "approle", true, null, "", new AppRoleBackend(state));
      }
      Route.Backend backend = m.backend;
      invoke(backend, Op.UPDATE, "role/" + roleName, Map.of("token_policies", List.of(policies)));
      Map<?, ?> roleId = (Map<?, ?>) invoke(backend, Op.READ, "role/" + roleName + "/role-id", Map.of()).data;
      Map<?, ?> secret = (Map<?, ?>) invoke(backend, Op.UPDATE, "role/" + roleName + "/secret-id", Map.of()).data;
      return new String[] {(String) roleId.get("role_id"), (String) secret.get("secret_id")};
    }
  }

  /** Seals: every API call except sys/health and sys/seal-status then answers 503 "Vault is sealed". */
  public void seal() {
    state.sealed = true;
  }

  public void unseal() {
    state.sealed = false;
  }

  public boolean isSealed() {
    return state.sealed;
  }

  /**
   * Creates transit key {@code keyName} at {@code transit/} whose versions 1..n hold the given raw
   * key material (for known-answer tests). Each version gets a random HMAC key, except for type
   * {@code hmac}, whose material is the HMAC key itself.
   *
   * @param type aes128-gcm96, aes256-gcm96, chacha20-poly1305 or hmac
   */
  public void importKeyMaterial(String keyName, String type, byte[]... versions) {
    importKeyMaterial(keyName, type, false, false, versions, null);
  }

  /**
   * Like {@link #importKeyMaterial(String, String, byte[]...)}, also choosing derivation,
   * convergence and the per-version HMAC keys ({@code hmacKeys} may be null or shorter).
   * An existing key of that name is replaced.
   */
  public void importKeyMaterial(String keyName, String type, boolean derived, boolean convergent,
      byte[][] versions, byte[][] hmacKeys) {
    TransitKey.Type t = TransitKey.Type.of(type);
    if (t == null) {
      throw new IllegalArgumentException("unsupported key type " + type);
    }
    if (convergent && !derived) {
      throw new IllegalArgumentException("convergent encryption requires derivation");
    }
    if (versions.length == 0) {
      throw new IllegalArgumentException("at least one key version is needed");
    }
    synchronized (state) {
      Mount m = state.mounts.get("transit/");
      if (m == null || !(m.backend instanceof TransitBackend transit)) {
        throw new IllegalStateException("transit/ is not mounted");
      }
      transit.importKey(keyName, t, derived, convergent, versions, hmacKeys);
    }
  }

  /**
   * Makes the next encryptions (by any key, in order) use these 12-byte nonces instead of random
   * ones, so that known-answer vectors can be reproduced. Convergent keys derive their nonce and
   * never consume one.
   */
  public void queueEncryptionNonces(byte[]... nonces) {
    synchronized (state) {
      state.queueNonces(Arrays.stream(nonces).map(byte[]::clone).toArray(byte[][]::new));
    }
  }

  /** Stops listening; the state and the port number are kept for {@link #restart()}. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
      executor = null;
    }
  }

  /** Listens again on the same port with the same state (after {@link #stop()}, or as stop-then-start). */
  public synchronized void restart() {
    stop();
    listen(port);
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized int listen(int requestedPort) {
    IOException last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 64);
        s.createContext("/", front);
        executor = Executors.newCachedThreadPool(r -> {
          Thread t = new Thread(r, "vault-test-server");
          t.setDaemon(true);
          return t;
        });
        s.setExecutor(executor);
        s.start();
        server = s;
        return s.getAddress().getPort();
      } catch (BindException e) {
        last = e;
        try {
          Thread.sleep(100); // the old socket may still be closing
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new UncheckedIOException("cannot listen on port " + requestedPort, last);
  }

  private Mount mount(String path, String type, boolean auth, Map<String, Object> options, String description,
      Route.Backend backend) {
    Mount m = new Mount(path, type, auth, options, description, backend);
    state.mounts.put(path, m);
    return m;
  }

  private static Route.Backend empty(String type) {
    return new Route.Backend() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public List<Route> routes() {
        return List.of();
      }
    };
  }

  /** Runs a backend operation as root, bypassing HTTP; failures surface as IllegalStateException. */
  private static Resp invoke(Route.Backend backend, Op op, String subPath, Map<String, Object> data) {
    Route.Match match = Route.match(backend, subPath);
    if (match == null) {
      throw new IllegalArgumentException("no route " + subPath);
    }
    Req req = new Req(op, subPath, new java.util.LinkedHashMap<>(data), Tokens.uuid());
    try {
      Fields fields = match.route().fields(req, match.params());
      fields.validate();
      return match.route().handlers.get(op).handle(req, fields);
    } catch (Fail f) {
      throw new IllegalStateException(String.valueOf(f.resp.errors));
    }
  }
}
