package io.lethe.storage.keys;

import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.AesGcm;
import io.lethe.storage.crypto.SecretBytes;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** The keyring's byte format, exactly as ADR 0003 describes it; no I/O here. */
final class KeyringFile {

  static final int DEFAULT_ITERATIONS = 600_000;
  static final int MIN_ITERATIONS = 10_000;
  // An upper bound so a crafted header cannot make opening take hours.
  static final int MAX_ITERATIONS = 10_000_000;

  private static final byte[] MAGIC = "LETHE-KR".getBytes(StandardCharsets.US_ASCII);
  private static final byte FILE_V1 = 0x01;
  private static final byte KDF_PBKDF2_SHA256 = 0x01;
  private static final byte PAYLOAD_V1 = 0x01;
  private static final int SALT_BYTES = 16;
  private static final int HEADER_BYTES = 8 + 1 + 1 + 4 + SALT_BYTES + AesGcm.NONCE_BYTES + 4;
  private static final int MAX_SEALED_BYTES = 1 << 20;

  /** The passphrase-derived sealing key and the header values it came from. */
  record Seal(byte[] salt, int iterations, SecretBytes key) {}

  private KeyringFile() {}

  static Seal newSeal(char[] passphrase, int iterations, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new Seal(salt, iterations, derive(passphrase, salt, iterations));
  }

  static byte[] write(KeyringState state, Seal seal, SecureRandom random) {
    byte[] id = state.id().getBytes(StandardCharsets.UTF_8);
    ByteBuffer payload = ByteBuffer.allocate(1 + 2 + id.length + 4 + 4 + state.keks().size() * 36);
    payload.put(PAYLOAD_V1).putShort((short) id.length).put(id);
    payload.putInt(state.minDecryptionVersion()).putInt(state.currentVersion());
    for (int v = 1; v <= state.currentVersion(); v++) {
      byte[] kek = state.kek(v).revealCopy();
      payload.putInt(v).put(kek);
      Arrays.fill(kek, (byte) 0);
    }
    byte[] plain = payload.array();
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    random.nextBytes(nonce);
    int sealedLength = plain.length + AesGcm.TAG_BYTES;
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(MAGIC).put(FILE_V1).put(KDF_PBKDF2_SHA256).putInt(seal.iterations())
        .put(seal.salt()).put(nonce).putInt(sealedLength);
    byte[] sealed = AesGcm.seal(seal.key(), nonce, header.array(), plain);
    Arrays.fill(plain, (byte) 0);
    return ByteBuffer.allocate(HEADER_BYTES + sealed.length).put(header.array()).put(sealed).array();
  }

  /** Parses and opens a keyring file; returns its state and the seal for later rewrites. */
  static Opened read(byte[] file, char[] passphrase) {
    ByteBuffer in = ByteBuffer.wrap(file);
    try {
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC) || in.get() != FILE_V1 || in.get() != KDF_PBKDF2_SHA256) {
        throw corrupt("not a version 1 keyring file");
      }
      int iterations = in.getInt();
      if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
        throw corrupt("iteration count out of range");
      }
      byte[] salt = new byte[SALT_BYTES];
      in.get(salt);
      byte[] nonce = new byte[AesGcm.NONCE_BYTES];
      in.get(nonce);
      int sealedLength = in.getInt();
      if (sealedLength != in.remaining() || sealedLength > MAX_SEALED_BYTES) {
        throw corrupt("length does not match the file size");
      }
      SecretBytes key = derive(passphrase, salt, iterations);
      byte[] plain;
      try {
        plain = AesGcm.open(key, nonce, Arrays.copyOf(file, HEADER_BYTES),
            file, HEADER_BYTES, sealedLength);
      } catch (StorageException e) {
        key.destroy();
        throw new StorageException(StorageErrorCode.KEYRING_PASSPHRASE,
            "the keyring could not be opened: wrong passphrase, or the file was altered");
      }
      try {
        return new Opened(parsePayload(plain), new Seal(salt, iterations, key));
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } catch (BufferUnderflowException e) {
      throw corrupt("file is truncated");
    }
  }

  record Opened(KeyringState state, Seal seal) {}

  private static KeyringState parsePayload(byte[] plain) {
    ByteBuffer p = ByteBuffer.wrap(plain);
    if (p.get() != PAYLOAD_V1) {
      throw corrupt("unknown payload version");
    }
    byte[] id = new byte[Short.toUnsignedInt(p.getShort())];
    p.get(id);
    int min = p.getInt();
    int count = p.getInt();
    if (count < 1 || count > p.remaining() / 36 || p.remaining() != count * 36) {
      throw corrupt("KEK count does not match the payload");
    }
    List<SecretBytes> keks = new ArrayList<>(count);
    byte[] kek = new byte[AesGcm.KEY_BYTES];
    for (int v = 1; v <= count; v++) {
      if (p.getInt() != v) {
        throw corrupt("KEK versions are not contiguous");
      }
      p.get(kek);
      keks.add(SecretBytes.copyOf(kek));
    }
    Arrays.fill(kek, (byte) 0);
    try {
      return new KeyringState(new String(id, StandardCharsets.UTF_8), keks, min);
    } catch (IllegalArgumentException e) {
      throw corrupt("minimum decryption version out of range");
    }
  }

  private static SecretBytes derive(char[] passphrase, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, AesGcm.KEY_BYTES * 8);
    byte[] raw = null;
    try {
      raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      return SecretBytes.copyOf(raw);
    } catch (GeneralSecurityException e) {
      throw new StorageException(StorageErrorCode.CRYPTO_UNAVAILABLE,
          "PBKDF2WithHmacSHA256 is not available in this JVM");
    } finally {
      spec.clearPassword();
      if (raw != null) {
        Arrays.fill(raw, (byte) 0);
      }
    }
  }

  private static StorageException corrupt(String why) {
    return new StorageException(StorageErrorCode.KEYRING_CORRUPT, "keyring file: " + why);
  }
}
