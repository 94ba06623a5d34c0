package io.lethe.storage.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import io.lethe.storage.StorageErrorCode;
import io.lethe.storage.StorageException;
import io.lethe.storage.crypto.SecretBytes;
import io.lethe.storage.objects.EncryptingInputStream.Failure;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pull-side encrypting stream against Tink's own decrypter, and the decrypting side. */
class ObjectStreamsTest {

  static final int SEG = ObjectFormat.CIPHERTEXT_SEGMENT_BYTES - 16;
  static final int FIRST = SEG - 40;

  private final AesGcmHkdfStreaming aead =
      ObjectFormat.streaming(SecretBytes.random(32, new SecureRandom()));
  private final byte[] aad = ObjectFormat.streamAssociatedData(1, UUID.randomUUID(),
      UUID.randomUUID());

  @ParameterizedTest
  @ValueSource(ints = {0, 1, FIRST - 1, FIRST, FIRST + 1, FIRST + SEG, FIRST + SEG + 1,
      3 * 1024 * 1024 + 17})
  void encrypting_matchesTinksFormat_andSize(int length) throws Exception {
    byte[] plain = random(length);
    byte[] ct = encrypt(plain, length);

    assertThat((long) ct.length).isEqualTo(aead.expectedCiphertextSize(length));
    try (InputStream in = aead.newDecryptingStream(new ByteArrayInputStream(ct), aad)) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
    try (InputStream in = DecryptingContentStream.open(aead, aad, new ByteArrayInputStream(ct),
        length)) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }

  @Test
  void encrypting_fromASourceThatTricklesOneByteAtATime_isTheSame() throws Exception {
    byte[] plain = random(FIRST + 5);
    InputStream trickle = new FilterInputStream(new ByteArrayInputStream(plain)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1));
      }
    };
    byte[] ct = new EncryptingInputStream(aead, aad, trickle, -1).readAllBytes();
    try (InputStream in = aead.newDecryptingStream(new ByteArrayInputStream(ct), aad)) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 99, 101, FIRST + 1})
  void encrypting_withAWrongDeclaredLength_stopsWithSizeMismatch(long declared)
      throws Exception {
    var s = new EncryptingInputStream(aead, aad, new ByteArrayInputStream(random(100)), declared);
    assertThatThrownBy(s::readAllBytes).isInstanceOf(IOException.class);
    assertThat(s.failure()).isEqualTo(Failure.SIZE_MISMATCH);
  }

  @Test
  void encrypting_whenTheSourceFails_stopsWithSourceFailure() throws Exception {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    };
    EncryptingInputStream s = new EncryptingInputStream(aead, aad, broken, -1);
    assertThatThrownBy(s::readAllBytes).isInstanceOf(IOException.class)
        .hasMessageNotContaining("connection reset");
    assertThat(s.failure()).isEqualTo(Failure.SOURCE);
    assertThat(s.sourceError()).hasMessage("connection reset");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, FIRST, FIRST + 1, FIRST + SEG, FIRST + 2 * SEG + 10})
  void decrypting_withAnyBufferSizeOrTransferTo_givesThePlaintext(int length) throws Exception {
    byte[] plain = random(length);
    byte[] ct = encrypt(plain, length);

    // Smaller than a segment (copied out), exactly one (decrypted in place), larger, and mixed.
    for (int buffer : new int[] {1, 7, 64 * 1024, FIRST, SEG, SEG + 1, 3 * SEG}) {
      try (InputStream in = DecryptingContentStream.open(aead, aad, new ByteArrayInputStream(ct),
          length)) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] b = new byte[buffer + 3];
        for (int n = in.read(b, 3, buffer); n >= 0; n = in.read(b, 3, buffer)) {
          out.write(b, 3, n);
        }
        assertThat(out.toByteArray()).as("buffer %d", buffer).isEqualTo(plain);
      }
    }
    try (InputStream in = DecryptingContentStream.open(aead, aad, new ByteArrayInputStream(ct),
        length)) {
      in.read(new byte[Math.min(length, 5)]);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      out.write(plain, 0, Math.min(length, 5));
      assertThat(in.transferTo(out)).isEqualTo(Math.max(0, length - 5));
      assertThat(out.toByteArray()).isEqualTo(plain);
    }
  }

  @Test
  void decryptingInPlace_aTamperedSegment_failsAndLeavesNoPlaintextInTheBuffer() throws Exception {
    int length = FIRST + SEG;
    byte[] ct = encrypt(random(length), length);
    ct[ObjectFormat.CIPHERTEXT_SEGMENT_BYTES + 100] ^= 1; // second segment
    byte[] buffer = new byte[SEG];
    try (InputStream in = DecryptingContentStream.open(aead, aad, new ByteArrayInputStream(ct),
        length)) {
      assertThat(in.read(buffer)).isEqualTo(FIRST);
      Arrays.fill(buffer, (byte) 1);
      assertThatThrownBy(() -> in.read(buffer)).isInstanceOfSatisfying(StorageException.class,
          e -> assertThat(e.code()).isEqualTo(StorageErrorCode.DECRYPT_FAILED));
      assertThat(buffer).containsOnly(0);
      assertThatThrownBy(() -> in.transferTo(java.io.OutputStream.nullOutputStream()))
          .isInstanceOf(StorageException.class);
    }
    try (InputStream in = DecryptingContentStream.open(aead, aad, new ByteArrayInputStream(ct),
        length)) {
      assertThatThrownBy(() -> in.transferTo(java.io.OutputStream.nullOutputStream()))
          .isInstanceOfSatisfying(StorageException.class,
              e -> assertThat(e.code()).isEqualTo(StorageErrorCode.DECRYPT_FAILED));
    }
  }

  @Test
  void decrypting_tamperedTruncatedReorderedOrForeign_failsOpaquely() throws Exception {
    int length = FIRST + 2 * SEG + 10;
    byte[] ct = encrypt(random(length), length);
    int seg = ObjectFormat.CIPHERTEXT_SEGMENT_BYTES;
    for (int at : new int[] {0, 5, 39, 40, 1000, seg - 1, seg + 7, ct.length - 1}) {
      byte[] altered = ct.clone();
      altered[at] ^= 0x20;
      assertDecryptFails(altered, aad, length);
    }
    assertDecryptFails(Arrays.copyOf(ct, 3 * seg), aad, length);   // last segment cut
    assertDecryptFails(Arrays.copyOf(ct, ct.length - 1), aad, length);
    byte[] swapped = ct.clone();
    System.arraycopy(ct, seg, swapped, 2 * seg, seg);
    System.arraycopy(ct, 2 * seg, swapped, seg, seg);
    assertDecryptFails(swapped, aad, length);
    assertDecryptFails(ct, ObjectFormat.streamAssociatedData(1, UUID.randomUUID(),
        UUID.randomUUID()), length);
    assertDecryptFails(ct, aad, length - 1);                       // size column altered
    assertDecryptFails(ct, aad, length + 1);
  }

  @Test
  void decrypting_whenTheNetworkFails_reportsTheStoreNotTheCiphertext() throws Exception {
    byte[] ct = encrypt(random(1000), 1000);
    InputStream dropping = new FilterInputStream(new ByteArrayInputStream(ct, 0, 500)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
          throw new IOException("connection reset");
        }
        return n;
      }
    };
    try (InputStream in = DecryptingContentStream.open(aead, aad, dropping, 1000)) {
      assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(StorageException.class,
          e -> assertThat(e.code()).isEqualTo(StorageErrorCode.OBJECT_STORE_UNAVAILABLE));
    }
  }

  private void assertDecryptFails(byte[] ct, byte[] withAad, long size) {
    assertThatThrownBy(() -> {
      try (InputStream in = DecryptingContentStream.open(aead, withAad,
          new ByteArrayInputStream(ct), size)) {
        in.readAllBytes();
      }
    }).isInstanceOfSatisfying(StorageException.class, e -> {
      assertThat(e.code()).isEqualTo(StorageErrorCode.DECRYPT_FAILED);
      assertThat(e.getCause()).isNull();
    });
  }

  private byte[] encrypt(byte[] plain, long declared) throws Exception {
    return new EncryptingInputStream(aead, aad, new ByteArrayInputStream(plain), declared)
        .readAllBytes();
  }

  private static byte[] random(int length) {
    byte[] b = new byte[length];
    new Random(length).nextBytes(b);
    return b;
  }
}
