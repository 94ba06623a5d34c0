package io.lethe.storage.objects;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Content types are stored in plaintext (ADR 0005), so they are held to a bare
 * {@code type/subtype} of RFC 6838 characters: parameters such as {@code name=...} could smuggle
 * a file name, and a file name can be personal.
 */
final class ContentTypes {

  private static final Pattern BARE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}");

  private ContentTypes() {}

  /** Lower-cased and trimmed; {@code storage.object.invalid} if not a bare type/subtype. */
  static String normalize(String contentType) {
    String t = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
    if (!BARE.matcher(t).matches()) {
      // The value itself is not echoed: it is caller input and might hold anything.
      throw new StorageException(StorageErrorCode.OBJECT_INVALID,
          "content type must be a bare type/subtype such as image/jpeg, without parameters");
    }
    return t;
  }
}
