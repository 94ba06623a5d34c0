package io.lethe.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a careless blind index would store instead of a keyed digest: the value itself, or an
 * unkeyed hash of it (anyone can hash all 10<sup>9</sup> mobile numbers). Byte needles are
 * given to {@link Tables} as ISO-8859-1 strings, which it matches against binary cells byte for
 * byte, and also as hex text.
 */
final class PlaintextNeedles {

  private PlaintextNeedles() {}

  static List<String> of(List<String> values) {
    List<String> needles = new ArrayList<>(values);
    for (String value : values) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      for (byte[] digest : List.of(hash("SHA-256", utf8), hash("MD5", utf8),
          hash("SHA-1", utf8), hmacWithKey(new byte[32], utf8))) {
        byte[] first8 = Arrays.copyOf(digest, 8);
        needles.add(new String(first8, StandardCharsets.ISO_8859_1));
        needles.add(HexFormat.of().formatHex(first8));
      }
    }
    return needles;
  }

  private static byte[] hash(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmacWithKey(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
