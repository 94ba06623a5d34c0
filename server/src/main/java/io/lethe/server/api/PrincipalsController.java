package io.lethe.server.api;

import io.lethe.audit.AuditEvent.Outcome;
import io.lethe.server.audit.AuditTrail;
import io.lethe.server.problem.BadRequestException;
import io.lethe.server.problem.NotFoundException;
import io.lethe.server.security.ApiKey;
import io.lethe.server.security.Caller;
import io.lethe.server.security.PrincipalStore;
import io.lethe.server.security.RoleCatalog;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API principals; permission {@code principals:manage}. A new key is shown exactly once. */
@RestController
@RequestMapping(path = "/v1/principals", produces = "application/json")
class PrincipalsController {

  private final PrincipalStore principals;
  private final AuditTrail audit;
  private final Caller caller;
  private final RoleCatalog roles;

  PrincipalsController(PrincipalStore principals, AuditTrail audit, Caller caller,
      RoleCatalog roles) {
    this.principals = principals;
    this.audit = audit;
    this.caller = caller;
    this.roles = roles;
  }

  /** {@code {"name","roles":[...],"permissions"?:[...]}} → 201 {"id","apiKey"}. */
  @PostMapping(consumes = "application/json")
  ResponseEntity<Created> create(@RequestBody CreatePrincipal body) {
    return audit.guarded(audit.event("principal.create", Outcome.FAILURE).category("iam"), () -> {
      caller.require("principals:manage");
      if (body == null || body.name() == null || body.roles() == null) {
        throw new BadRequestException("The body needs 'name' and 'roles'.");
      }
      // Only the extra permissions are stored: the roles' own are resolved as configured.
      List<String> permissions = body.permissions() == null ? List.of() : body.permissions();
      try {
        roles.checkGrant(body.roles(), permissions);
        new io.lethe.server.security.Principal(UUID.randomUUID(), body.name(), body.roles(),
            permissions, java.time.Instant.now());
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(e.getMessage() + ".");
      }
      if (principals.exists(body.name())) {
        throw new BadRequestException("A principal named '" + body.name() + "' exists already.");
      }
      ApiKey key = principals.create(body.name(), body.roles(), permissions);
      UUID id = principals.idOf(key);
      audit.recordAlone(audit.event("principal.create", Outcome.SUCCESS).category("iam").build());
      return ResponseEntity.created(URI.create("/v1/principals/" + id))
          .body(new Created(id, body.name(), key.reveal()));
    });
  }

  @GetMapping
  List<PrincipalStore.Listed> list() {
    caller.require("principals:manage");
    return principals.list();
  }

  /** Revokes the principal's key at once → 204. */
  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable UUID id) {
    return audit.guarded(audit.event("principal.revoke", Outcome.FAILURE).category("iam"), () -> {
      caller.require("principals:manage");
      if (!principals.revoke(id)) {
        throw new NotFoundException("No active principal " + id + ".");
      }
      audit.recordAlone(audit.event("principal.revoke", Outcome.SUCCESS).category("iam").build());
      return ResponseEntity.noContent().build();
    });
  }

  record CreatePrincipal(String name, List<String> roles, List<String> permissions) {}

  record Created(UUID id, String name, String apiKey) {}
}
