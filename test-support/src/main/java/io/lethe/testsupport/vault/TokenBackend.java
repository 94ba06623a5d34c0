package io.lethe.testsupport.vault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** auth/token/: lookup-self, lookup, create, renew-self, revoke-self, revoke. */
final class TokenBackend implements Route.Backend {

  private final VaultState state;
  private final List<Route> routes = new ArrayList<>();

  TokenBackend(VaultState state) {
    this.state = state;
    routes.add(Route.of("lookup-self", new Fields.Schema().str("token"))
        .on(Op.READ, (r, f) -> Resp.data(r.token.lookupData()))
        .on(Op.UPDATE, (r, f) -> Resp.data(r.token.lookupData())));
    routes.add(Route.of("lookup", new Fields.Schema().str("token"))
        .on(Op.UPDATE, (r, f) -> {
          Tokens.Entry e = state.tokens.lookup(f.str("token"));
          if (e == null) {
            throw Fail.user("bad token");
          }
          return Resp.data(e.lookupData());
        }));
    Fields.Schema create = new Fields.Schema().strings("policies").str("display_name", "ttl", "explicit_max_ttl",
            "period", "type", "id", "entity_alias", "role_name")
        .map("meta").integer("num_uses").bool("no_default_policy", "no_parent", "renewable");
    routes.add(Route.of("create", create).on(Op.UPDATE, (r, f) -> create(r, f, false)));
    routes.add(Route.of("create-orphan", create).on(Op.UPDATE, (r, f) -> create(r, f, true)));
    routes.add(Route.of("renew-self", new Fields.Schema().duration("increment"))
        .on(Op.UPDATE, this::renewSelf));
    routes.add(Route.of("revoke-self", new Fields.Schema()).on(Op.UPDATE, (r, f) -> {
      state.tokens.revoke(r.token.id);
      return Resp.empty();
    }));
    routes.add(Route.of("revoke", new Fields.Schema().str("token")).on(Op.UPDATE, (r, f) -> {
      state.tokens.revoke(f.str("token"));
      return Resp.empty();
    }));
  }

  @Override
  public String type() {
    return "token";
  }

  @Override
  public List<Route> routes() {
    return routes;
  }

  private Resp create(Req req, Fields f, boolean orphan) {
    Tokens.Entry parent = req.token;
    List<String> requested = f.present("policies") ? f.strings("policies") : parent.policies;
    List<String> policies = Tokens.normalize(requested, !f.bool("no_default_policy"));
    if (!parent.root) {
      for (String p : policies) {
        if (!p.equals("default") && !parent.policies.contains(p)) {
          throw Fail.user("child policies must be subset of parent");
        }
      }
    }
    long ttl = f.present("ttl") ? Fields.toSeconds(f.str("ttl")) : Tokens.DEFAULT_TTL;
    Map<String, String> meta = null;
    if (f.present("meta")) {
      meta = new TreeMap<>();
      for (Map.Entry<String, Object> e : f.map("meta").entrySet()) {
        meta.put(e.getKey(), Fields.toStr(e.getValue()));
      }
    }
    String display = f.str("display_name").isEmpty() ? "token" : "token-" + f.str("display_name");
    Tokens.Entry e = state.tokens.create(policies, orphan ? "auth/token/create-orphan" : "auth/token/create",
        display, meta, ttl, orphan || f.bool("no_parent"), "", f.integer("num_uses"));
    return Resp.auth(e.authBlock(), "token");
  }

  private Resp renewSelf(Req req, Fields f) {
    Tokens.Entry e = req.token;
    if (!e.renewable) {
      throw Fail.user("lease is not renewable");
    }
    long increment = f.present("increment") ? f.seconds("increment") : e.ttl;
    e.expireAt = Instant.now().plusSeconds(increment > 0 ? increment : e.ttl);
    e.lastRenewal = Instant.now().getEpochSecond();
    return Resp.auth(e.authBlock(), "token");
  }
}
