package io.lethe.testsupport.vault;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a Vault instance remembers. The HTTP layer serialises requests on this object, so
 * the handlers need no finer locking; state survives {@code stop()}/{@code restart()}.
 */
final class VaultState {

  static final String VERSION = "1.17.3";

  final SecureRandom random = new SecureRandom();
  final Tokens tokens = new Tokens();
  final Tokens.Entry root;
  final Map<String, String> policyText = new TreeMap<>();
  final Map<String, List<Acl.Rule>> policies = new TreeMap<>();
  /** Keyed by full routing path ("transit/", "auth/approle/", "sys/"). */
  final Map<String, Mount> mounts = new TreeMap<>();
  final String clusterName;
  final String clusterId = Tokens.uuid();
  volatile boolean sealed;
  private final Deque<byte[]> queuedNonces = new ArrayDeque<>();

  VaultState() {
    byte[] id = new byte[4];
    random.nextBytes(id);
    clusterName = "vault-cluster-" + HexFormat.of().formatHex(id);
    root = tokens.createRoot();
    putPolicy("default", Acl.DEFAULT_POLICY);
  }

  void putPolicy(String name, String hcl) {
    List<Acl.Rule> rules = Acl.parse(hcl);
    policies.put(name, rules);
    policyText.put(name, hcl);
  }

  void queueNonces(byte[]... nonces) {
    for (byte[] n : nonces) {
      if (n.length != TransitCrypto.NONCE_SIZE) {
        throw new IllegalArgumentException("nonces are 12 bytes");
      }
      queuedNonces.add(n.clone());
    }
  }

  /** A fresh random nonce, unless a test queued a fixed one for known-answer checks. */
  byte[] nonce() {
    byte[] queued = queuedNonces.poll();
    if (queued != null) {
      return queued;
    }
    byte[] n = new byte[TransitCrypto.NONCE_SIZE];
    random.nextBytes(n);
    return n;
  }

  byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Longest-prefix mount match; "transit" alone still reaches "transit/". */
  Mount mountFor(String path) {
    Mount best = null;
    for (Mount m : mounts.values()) {
      if ((path.startsWith(m.path) || (path + "/").equals(m.path))
          && (best == null || m.path.length() > best.path.length())) {
        best = m;
      }
    }
    return best;
  }

  Set<String> capabilities(Tokens.Entry token, String path) {
    List<List<Acl.Rule>> applicable = new ArrayList<>();
    for (String p : token.policies) {
      List<Acl.Rule> rules = policies.get(p);
      if (rules != null) {
        applicable.add(rules);
      }
    }
    return Acl.capabilities(applicable, path);
  }
}
