package io.lethe.testsupport.vault;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The token store: opaque random tokens, their policies, lifetimes and lookup shapes. */
final class Tokens {

  /** Vault's default (and max) lease TTL: 768h. */
  static final long DEFAULT_TTL = 2_764_800L;

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  static final class Entry {
    final String id;
    final String accessor;
    final List<String> policies;
    final String path;
    final String displayName;
    final Map<String, String> meta;
    final long creationTime;
    final Instant issueTime;
    final boolean root;
    final boolean orphan;
    final boolean renewable;
    final int numUses;
    final String entityId;
    long ttl;
    Instant expireAt;
    Long lastRenewal;

    Entry(String id, List<String> policies, String path, String displayName, Map<String, String> meta,
        long ttl, boolean root, boolean orphan, String entityId, int numUses) {
      this.id = id;
      this.accessor = randomString(24);
      this.policies = policies;
      this.path = path;
      this.displayName = displayName;
      this.meta = meta;
      this.issueTime = Instant.now();
      this.creationTime = issueTime.getEpochSecond();
      this.ttl = ttl;
      this.expireAt = ttl > 0 ? issueTime.plusSeconds(ttl) : null;
      this.root = root;
      this.orphan = orphan;
      this.renewable = !root && ttl > 0;
      this.entityId = entityId;
      this.numUses = numUses;
    }

    boolean expired() {
      return expireAt != null && !Instant.now().isBefore(expireAt);
    }

    long remainingTtl() {
      return expireAt == null ? 0 : Math.max(0, expireAt.getEpochSecond() - Instant.now().getEpochSecond());
    }

    /** auth/token/lookup-self data; root tokens omit issue_time and renewable as Vault's do. */
    Map<String, Object> lookupData() {
      Map<String, Object> d = new TreeMap<>();
      d.put("accessor", accessor);
      d.put("creation_time", creationTime);
      d.put("creation_ttl", ttl);
      d.put("display_name", displayName);
      d.put("entity_id", entityId);
      d.put("expire_time", expireAt == null ? null : expireAt.toString());
      d.put("explicit_max_ttl", 0);
      d.put("id", id);
      d.put("meta", meta == null ? null : new TreeMap<>(meta));
      d.put("num_uses", numUses);
      d.put("orphan", orphan);
      d.put("path", path);
      d.put("policies", policies);
      d.put("ttl", remainingTtl());
      d.put("type", "service");
      if (!root) {
        d.put("issue_time", issueTime.toString());
        d.put("renewable", renewable);
      }
      if (lastRenewal != null) {
        d.put("last_renewal_time", lastRenewal);
      }
      return d;
    }

    /** The "auth" block of a login or token creation (a Go struct, so fixed order). */
    GoJson.Struct authBlock() {
      return new GoJson.Struct()
          .with("client_token", id)
          .with("accessor", accessor)
          .with("policies", policies)
          .with("token_policies", policies)
          .with("metadata", meta == null ? null : new TreeMap<>(meta))
          .with("lease_duration", remainingTtl())
          .with("renewable", renewable)
          .with("entity_id", entityId)
          .with("token_type", "service")
          .with("orphan", orphan)
          .with("mfa_requirement", null)
          .with("num_uses", numUses);
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Entry> byId = new ConcurrentHashMap<>();

  static String randomString(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  static String uuid() {
    return UUID.randomUUID().toString();
  }

  Entry createRoot() {
    Entry e = new Entry("hvs." + randomString(24), List.of("root"), "auth/token/root", "root", null, 0,
        true, true, "", 0);
    byId.put(e.id, e);
    return e;
  }

  /** Policies as Vault stores them: sorted, de-duplicated, "default" added unless refused. */
  static List<String> normalize(List<String> policies, boolean addDefault) {
    TreeSet<String> set = new TreeSet<>(policies);
    set.remove("");
    if (set.contains("root")) {
      return List.of("root");
    }
    if (addDefault) {
      set.add("default");
    }
    return new ArrayList<>(set);
  }

  Entry create(List<String> policies, String path, String displayName, Map<String, String> meta,
      long ttl, boolean orphan, String entityId, int numUses) {
    List<String> normalized = policies;
    boolean root = normalized.contains("root");
    Entry e = new Entry("hvs." + randomString(root ? 24 : 91), normalized, path, displayName, meta,
        root ? 0 : ttl, root, orphan, entityId, numUses);
    byId.put(e.id, e);
    return e;
  }

  /** A usable token, or null if unknown, revoked or expired. */
  Entry lookup(String id) {
    Entry e = id == null ? null : byId.get(id);
    if (e != null && e.expired()) {
      byId.remove(id);
      return null;
    }
    return e;
  }

  boolean revoke(String id) {
    return byId.remove(id) != null;
  }
}
