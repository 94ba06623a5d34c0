package io.lethe.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lethe.storage.RecordView;
import io.lethe.storage.objects.ObjectContent;
import io.lethe.storage.objects.StoredObject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export's zip layout (ADR 0011): {@code subject.json} first, then each object's decrypted
 * bytes under {@code objects/<id>.<ext>}. Object bytes are copied from the decrypting stream
 * into the zip entry as they come, so memory does not grow with an object's size.
 */
@Component
class ExportZip {

  static final String FORMAT = "lethe-export/1";

  private final JsonMapper json;

  ExportZip(JsonMapper json) {
    this.json = json;
  }

  void write(SubjectExports.Prepared export, OutputStream out, SubjectExports.Opener opener)
      throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.putNextEntry(new ZipEntry("subject.json"));
    // The mapper must not close the zip when it finishes the document.
    json.writeValue(new NonClosing(zip), document(export));
    zip.closeEntry();
    for (StoredObject object : export.objects()) {
      zip.putNextEntry(new ZipEntry(path(object)));
      try (ObjectContent content = opener.open(object)) {
        content.stream().transferTo(zip);
      }
      zip.closeEntry();
    }
    zip.finish();
    zip.flush();
  }

  /** The file name of an object in the zip: its id and an extension from its content type. */
  static String path(StoredObject object) {
    return "objects/" + object.id() + "." + extension(object.contentType());
  }

  static String extension(String contentType) {
    return switch (contentType) {
      case "image/jpeg" -> "jpg";
      case "image/png" -> "png";
      case "image/gif" -> "gif";
      case "image/webp" -> "webp";
      case "image/heic" -> "heic";
      case "image/tiff" -> "tiff";
      case "application/pdf" -> "pdf";
      case "text/plain" -> "txt";
      case "application/json" -> "json";
      case "video/mp4" -> "mp4";
      default -> "bin";
    };
  }

  private static Document document(SubjectExports.Prepared e) {
    return new Document(FORMAT, e.requestId(), e.purpose(),
        new SubjectPart(e.subject().id(), e.subject().status().name(), e.subject().createdAt(),
            e.subject().policyVersion()),
        e.records().stream().map(r -> new RecordPart(r.id(), r.type(), r.createdAt(),
            r.expiresAt().orElse(null), r.policyVersion().orElse(null), r.fields())).toList(),
        e.objects().stream().map(o -> new ObjectPart(o.id(), o.recordId().orElse(null),
            o.category().yamlName(), o.contentType(), o.size(), o.createdAt(), path(o))).toList());
  }

  record Document(String format, UUID requestId, String purpose, SubjectPart subject,
      List<RecordPart> records, List<ObjectPart> objects) {}

  /** Null values stay in the document: "no policy version" is an answer, not a gap. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record SubjectPart(UUID id, String status, Instant createdAt, String policyVersion) {}

  /** Includes nulls for the same reason: a record not dated yet says so. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record RecordPart(UUID id, String type, Instant createdAt, Instant expiresAt,
      String policyVersion, Map<String, String> fields) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ObjectPart(UUID id, UUID recordId, String category, String contentType, long size,
      Instant createdAt, String file) {}

  /** Passes writes through and ignores close. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
