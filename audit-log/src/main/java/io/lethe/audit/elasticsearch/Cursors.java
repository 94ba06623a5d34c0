package io.lethe.audit.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Opaque page cursors: the sort values (time in ms, chain sequence) of a page's last event. */
final class Cursors {

  private Cursors() {}

  static String encode(List<FieldValue> sort) {
    String raw = sort.get(0).longValue() + ":" + sort.get(1).longValue();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  static List<FieldValue> decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      String[] parts = raw.split(":");
      if (parts.length != 2) {
        throw new IllegalArgumentException("not a cursor");
      }
      return List.of(FieldValue.of(Long.parseLong(parts[0])), FieldValue.of(Long.parseLong(parts[1])));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'after' is not a cursor this server returned", e);
    }
  }
}
