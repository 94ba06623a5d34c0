package io.lethe.server.api;

import io.lethe.storage.objects.StoredObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Photos and files, encrypted as they stream in and decrypted as they stream out. */
@RestController
class ObjectsController {

  private final ObjectService service;

  ObjectsController(ObjectService service) {
    this.service = service;
  }

  /** The raw body is the content; its Content-Type is kept. → 201 {"id","size","contentType"}. */
  @PostMapping(path = "/v1/subjects/{id}/objects", produces = "application/json")
  ResponseEntity<ObjectCreated> put(@PathVariable UUID id, @RequestParam String category,
      @RequestParam(required = false) UUID recordId, HttpServletRequest request)
      throws IOException {
    String contentType = request.getContentType() == null
        ? MediaType.APPLICATION_OCTET_STREAM_VALUE : request.getContentType();
    StoredObject o = service.put(id, category, Optional.ofNullable(recordId), contentType,
        request.getInputStream(), request.getContentLengthLong());
    return ResponseEntity.created(URI.create("/v1/objects/" + o.id()))
        .body(new ObjectCreated(o.id(), o.size(), o.contentType()));
  }

  @GetMapping("/v1/objects/{id}")
  ResponseEntity<StreamingResponseBody> get(@PathVariable UUID id, @RequestParam String purpose) {
    ObjectService.OpenObject open = service.get(id, purpose);
    StreamingResponseBody body = out -> {
      try (ObjectService.OpenObject o = open) {
        o.content().stream().transferTo(out);
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException("The object could not be streamed", e);
      }
    };
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(open.object().contentType()))
        .contentLength(open.object().size()).body(body);
  }

  @DeleteMapping("/v1/objects/{id}")
  ResponseEntity<Void> delete(@PathVariable UUID id) {
    service.delete(id);
    return ResponseEntity.noContent().build();
  }

  record ObjectCreated(UUID id, long size, String contentType) {}
}
