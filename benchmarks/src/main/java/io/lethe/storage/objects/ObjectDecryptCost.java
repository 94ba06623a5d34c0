package io.lethe.storage.objects;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import io.lethe.storage.crypto.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

/**
 * The CPU time one thread spends decrypting an object held in memory, through Tink's own
 * decrypting stream and through {@link DecryptingContentStream}, read in 64 KiB pieces or with
 * {@code transferTo}. Thread CPU time, not wall time, and the four ways in turn in every round:
 * on a machine whose other work comes and goes, the comparison still holds. No bucket and no
 * network: only what Lethe adds to a get.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.lethe.storage.objects.ObjectDecryptCost
 * [MiB] [rounds]}
 */
public final class ObjectDecryptCost {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ObjectDecryptCost() {}

  public static void main(String[] args) throws Exception {
    int size = (args.length > 0 ? Integer.parseInt(args[0]) : 64) << 20;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    AesGcmHkdfStreaming aead = ObjectFormat.streaming(SecretBytes.random(32, new SecureRandom()));
    byte[] aad = ObjectFormat.streamAssociatedData(1, UUID.randomUUID(), UUID.randomUUID());
    byte[] plain = new byte[size];
    new SecureRandom().nextBytes(plain);
    byte[] ct = new EncryptingInputStream(aead, aad, new ByteArrayInputStream(plain), size)
        .readAllBytes();
    String[] names = {"tink stream, 64 KiB reads", "tink stream, transferTo",
        "lethe stream, 64 KiB reads", "lethe stream, transferTo"};
    long[][] cpu = new long[names.length][rounds];
    for (int round = -3; round < rounds; round++) { // three rounds of warm-up
      for (int way = 0; way < names.length; way++) {
        InputStream in = way < 2 ? aead.newDecryptingStream(new ByteArrayInputStream(ct), aad)
            : DecryptingContentStream.open(aead, aad, new ByteArrayInputStream(ct), size);
        long start = THREADS.getCurrentThreadCpuTime();
        long n = way % 2 == 0 ? drain(in) : in.transferTo(OutputStream.nullOutputStream());
        long used = THREADS.getCurrentThreadCpuTime() - start;
        if (n != size) {
          throw new IllegalStateException("decrypted " + n + " bytes of " + size);
        }
        if (round >= 0) {
          cpu[way][round] = used;
        }
      }
    }
    System.out.printf("%d MiB, %d rounds, load %s%n", size >> 20, rounds,
        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    for (int way = 0; way < names.length; way++) {
      long[] sorted = cpu[way].clone();
      Arrays.sort(sorted);
      System.out.printf("%-28s median %.1f ms CPU, min %.1f ms (%.0f MB/s at the median)%n",
          names[way], sorted[rounds / 2] / 1e6, sorted[0] / 1e6,
          size / (sorted[rounds / 2] / 1e9) / 1e6);
    }
  }

  private static long drain(InputStream in) throws Exception {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
    }
    return total;
  }
}
