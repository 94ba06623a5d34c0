package io.lethe.testsupport.vault;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Go's {@code base64.StdEncoding.DecodeString}: padding is mandatory, CR/LF are skipped, trailing
 * bits are not checked, and errors name the offending byte offset exactly as Go does. Vault copies
 * that error text into responses, so {@link Base64#getDecoder()} (different rules, different
 * messages) cannot stand in for it.
 */
final class GoBase64 {

  static final class CorruptInput extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptInput(long offset) {
      super("illegal base64 data at input byte " + offset, null, false, false);
    }
  }

  private static final byte[] DECODE = new byte[256];

  static {
    Arrays.fill(DECODE, (byte) 0xff);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      DECODE[alphabet.charAt(i)] = (byte) i;
    }
  }

  private GoBase64() {}

  static String encode(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }

  static byte[] decode(String s) throws CorruptInput {
    byte[] src = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(src.length);
    int si = 0;
    while (si < src.length) {
      si = quantum(src, si, out);
    }
    return out.toByteArray();
  }

  /** A transcription of Go's decodeQuantum; returns the next source index. */
  private static int quantum(byte[] src, int si, ByteArrayOutputStream out) throws CorruptInput {
    int[] dbuf = new int[4];
    int dlen = 4;
    CorruptInput trailing = null;
    for (int j = 0; j < 4; j++) {
      if (src.length == si) {
        if (j == 0) {
          return si;
        }
        throw new CorruptInput(si - j); // StdEncoding has padding, so a short quantum is an error
      }
      int in = src[si] & 0xff;
      si++;
      int val = DECODE[in] & 0xff;
      if (val != 0xff) {
        dbuf[j] = val;
        continue;
      }
      if (in == '\n' || in == '\r') {
        j--;
        continue;
      }
      if (in != '=') {
        throw new CorruptInput(si - 1);
      }
      switch (j) {
        case 0, 1 -> throw new CorruptInput(si - 1);
        case 2 -> {
          while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
            si++;
          }
          if (si == src.length) {
            throw new CorruptInput(src.length);
          }
          if (src[si] != '=') {
            throw new CorruptInput(si - 1);
          }
          si++;
        }
        default -> { }
      }
      while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
        si++;
      }
      if (si < src.length) {
        trailing = new CorruptInput(si);
      }
      dlen = j;
      break;
    }
    int val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
    byte b0 = (byte) (val >> 16);
    byte b1 = (byte) (val >> 8);
    byte b2 = (byte) val;
    if (trailing != null) {
      throw trailing;
    }
    switch (dlen) {
      case 4 -> {
        out.write(b0);
        out.write(b1);
        out.write(b2);
      }
      case 3 -> {
        out.write(b0);
        out.write(b1);
      }
      case 2 -> out.write(b0);
      default -> { }
    }
    return si;
  }
}
